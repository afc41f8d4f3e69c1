// expect: secure
#include <vector>
#include <string>

std::vector<std::string> split(const std::string &s, char sep) {
    std::vector<std::string> parts;
    std::string cur;
    for (char c : s) {
        if (c == sep) { parts.push_back(cur); cur.clear(); } else { cur += c; }
    }
    parts.push_back(cur);
    return parts;
}
