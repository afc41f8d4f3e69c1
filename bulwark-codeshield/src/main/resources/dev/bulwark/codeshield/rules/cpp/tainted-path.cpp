#include <fstream>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
const fs::path kRoot = "/srv/files";

std::string read_user_file(const std::string &name) {
    std::string path = "/srv/files/" + name;
    // ruleid: cpp.tainted-path
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string read_checked(const std::string &name) {
    fs::path full = fs::weakly_canonical(kRoot / name);
    auto rel = full.lexically_relative(kRoot);
    if (full.string().rfind(kRoot.string(), 0) != 0) {
        return {};
    }
    // ok: cpp.tainted-path
    std::ifstream in(full);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

int main(int argc, char **argv) {
    char path[256];
    snprintf(path, sizeof path, "/var/data/%s", argv[1]);
    // ruleid: cpp.tainted-path
    FILE *f = fopen(path, "r");
    // ok: cpp.tainted-path
    FILE *g = fopen("/etc/app.conf", "r");
    return f && g;
}
