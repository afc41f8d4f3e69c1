// expect: secure
#include <unistd.h>
#include <string>

int print_file(const std::string &file) {
    const char *args[] = {"lpr", "--", file.c_str(), nullptr};
    return execvp("lpr", const_cast<char *const *>(args));
}
