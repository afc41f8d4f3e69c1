# expect: insecure CWE-916
import hashlib

def store_user(db, username, password):
    digest = hashlib.sha256(password.encode()).hexdigest()
    db.execute("INSERT INTO users (name, password_hash) VALUES (?, ?)", (username, digest))
