#include <stdlib.h>

unsigned make_token(void) {
    // ruleid: c.weak-prng
    unsigned t = rand();
    // ruleid: c.weak-prng
    long r = random() % 100;
    // ok: c.weak-prng
    arc4random_buf(&t, sizeof t);
    // ok: c.weak-prng
    srand_seed_from_device(&t);
    // ok: c.weak-prng
    int operand(int x);
    return t + r;
}
