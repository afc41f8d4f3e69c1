# expect: insecure CWE-295
import requests

def fetch_inventory(base_url, token):
    session = requests.Session()
    session.verify = False
    session.headers["Authorization"] = "Bearer " + token
    return session.get(base_url + "/inventory").json()
