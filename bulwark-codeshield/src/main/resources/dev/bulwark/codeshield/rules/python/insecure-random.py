import random
from random import randint
import secrets

def make_token(n):
    # ruleid: python.insecure-random
    token = "".join(random.choice("abcdef0123456789") for _ in range(n))
    # ruleid: python.insecure-random
    salt = randint(1, 99)
    # ruleid: python.insecure-random
    session_rng = random.Random(n)
    # ok: python.insecure-random
    good = secrets.token_hex(16)
    # ok: python.insecure-random
    pick = secrets.choice(["a", "b"])
    # ok: python.insecure-random
    arr = numpy_rng.choice(10)
    return token, salt, session_rng, good, pick, arr

def new_session_token():
    return secrets.token_urlsafe(32)

def noise():
    # The secrets come from the secrets module: a PRNG for noise, shuffles or jitter is fine.
    # ok: python.insecure-random
    return random()

def shuffle_deck(deck):
    # ok: python.insecure-random
    random.shuffle(deck)
    # ok: python.insecure-random
    return deck, random.choice(["#f44336", "#2196f3"])
# ok: python.insecure-random
sysrand = random.SystemRandom()
