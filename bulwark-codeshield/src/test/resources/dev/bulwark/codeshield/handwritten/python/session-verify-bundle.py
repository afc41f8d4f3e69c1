# expect: secure
import requests

def fetch_inventory(base_url, token):
    session = requests.Session()
    session.verify = "/etc/ssl/certs/internal-ca.pem"
    session.headers["Authorization"] = "Bearer " + token
    return session.get(base_url + "/inventory").json()
