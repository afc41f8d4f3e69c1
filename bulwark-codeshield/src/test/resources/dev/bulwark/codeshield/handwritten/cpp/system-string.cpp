// expect: insecure CWE-78
#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
    std::string file = argc > 1 ? argv[1] : "report.txt";
    std::string cmd = "lpr " + file;
    return std::system(cmd.c_str());
}
