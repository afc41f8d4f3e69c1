#include <random>

void roll() {
    // ruleid: cpp.fixed-seed-prng
    std::mt19937 gen(1357);
    // ruleid: cpp.fixed-seed-prng
    auto engine = std::default_random_engine{};
    // ok: cpp.fixed-seed-prng
    std::mt19937 good(std::random_device{}());
    // ok: cpp.fixed-seed-prng
    std::uniform_int_distribution<int> dist(1, 6);
}
