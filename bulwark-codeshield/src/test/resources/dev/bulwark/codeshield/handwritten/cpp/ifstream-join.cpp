// expect: insecure CWE-22
#include <fstream>
#include <sstream>
#include <string>

std::string load_template(const std::string &name) {
    std::ifstream in("/opt/app/templates/" + name);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}
