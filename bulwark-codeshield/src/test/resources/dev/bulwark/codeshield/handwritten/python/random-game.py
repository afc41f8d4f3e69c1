# expect: secure
import random
import secrets

def new_api_token():
    return secrets.token_urlsafe(32)

def deal(players, deck):
    random.shuffle(deck)
    return {p: [deck.pop() for _ in range(5)] for p in players}

def retry_delay(attempt):
    return min(30.0, 0.5 * 2 ** attempt) + random.random()
