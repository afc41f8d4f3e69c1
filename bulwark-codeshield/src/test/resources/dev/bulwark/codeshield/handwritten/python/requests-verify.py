# expect: secure
import requests


def fetch_status(url: str) -> int:
    session = requests.Session()
    session.verify = "/etc/ssl/certs/internal-ca.pem"
    return session.get(url, timeout=5).status_code
