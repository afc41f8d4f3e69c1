import random
from random import randint
import secrets

def make_token(n):
    # ruleid: python.insecure-random
    token = "".join(random.choice("abcdef0123456789") for _ in range(n))
    # ruleid: python.insecure-random
    salt = randint(1, 99)
    # ruleid: python.insecure-random
    rng = random.Random(n)
    # ok: python.insecure-random
    good = secrets.token_hex(16)
    # ok: python.insecure-random
    pick = secrets.choice(["a", "b"])
    # ok: python.insecure-random
    arr = numpy_rng.choice(10)
    return token, salt, rng, good, pick, arr

def noise():
    # ruleid: python.insecure-random
    return random()
# ok: python.insecure-random
sysrand = random.SystemRandom()
