# expect: secure
import uuid
import random

def new_order_id():
    return str(uuid.uuid4())

def sample_rows(rows, k=10):
    return random.sample(rows, min(k, len(rows)))
