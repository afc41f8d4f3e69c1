import hashlib
from Crypto.Hash import MD5

def digest(data, password):
    # ruleid: python.weak-hash
    h = hashlib.md5(password.encode()).hexdigest()
    # ruleid: python.weak-hash
    s = hashlib.sha1()
    # ruleid: python.weak-hash
    n = hashlib.new('md5')
    # ruleid: python.weak-hash
    m = MD5.new(data)
    # ok: python.weak-hash
    good = hashlib.sha256(data).hexdigest()
    # ok: python.weak-hash
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
    # ok: python.weak-hash
    other = hashlib.new("sha256")
    return h, s, n, m, good, etag, other
