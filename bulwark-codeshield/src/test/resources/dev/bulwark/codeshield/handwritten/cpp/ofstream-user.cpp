// expect: insecure CWE-22
#include <fstream>
#include <string>

void save_note(const std::string &user, const std::string &text) {
    std::ofstream out("/var/notes/" + user + ".txt", std::ios::app);
    out << text << '\n';
}
