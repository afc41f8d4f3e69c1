import os

# ruleid: python.hardcoded-secret
DB_PASSWORD = "hunter2!"
# ruleid: python.hardcoded-secret
api_key = 'sk-3f9a8b7c6d5e4f3a2b1c'
settings = {
    # ruleid: python.hardcoded-secret
    "client_secret": "q8w7e6r5t4y3",
}
# ruleid: python.hardcoded-secret
form['password'] = 'secret'
# ruleid: python.hardcoded-secret
conn = connect(host="db", user="app", password="s3cr3t-pass")
# ok: python.hardcoded-secret
password = os.environ["DB_PASSWORD"]
# ok: python.hardcoded-secret
api_key = ""
# ok: python.hardcoded-secret
token_url = "https://example.com/oauth/token"
# ok: python.hardcoded-secret
password = "<your-password>"
# ok: python.hardcoded-secret
secret = get_secret("db")
# ok: python.hardcoded-secret
if password == "":
    pass
