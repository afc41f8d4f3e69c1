# expect: secure
import hashlib
import os

def store_user(db, username, password):
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    db.execute("INSERT INTO users (name, salt, password_hash) VALUES (?, ?, ?)", (username, salt, digest))
