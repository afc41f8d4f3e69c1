#include <vector>

void grow(std::vector<int> &v, std::vector<int> &out) {
    // ruleid: cpp.container-modified-in-loop
    for (int x : v) {
        if (x > 0) v.push_back(-x);
    }
    // ok: cpp.container-modified-in-loop
    for (int x : v) {
        out.push_back(x);
    }
}
