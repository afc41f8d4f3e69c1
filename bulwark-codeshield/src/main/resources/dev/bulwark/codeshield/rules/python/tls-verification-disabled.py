import ssl
import requests

def fetch(url):
    session = requests.Session()
    # ruleid: python.tls-verification-disabled
    session.verify = False
    # ruleid: python.tls-verification-disabled
    r = requests.get(url, timeout=5, verify=False)
    ctx = ssl.create_default_context()
    # ruleid: python.tls-verification-disabled
    ctx.check_hostname = False
    # ruleid: python.tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    # ruleid: python.tls-verification-disabled
    legacy = ssl._create_unverified_context()
    # ok: python.tls-verification-disabled
    session.verify = "/etc/ssl/certs/internal-ca.pem"
    # ok: python.tls-verification-disabled
    r2 = requests.get(url, timeout=5, verify=True)
    # ok: python.tls-verification-disabled
    ctx.verify_mode = ssl.CERT_REQUIRED
    return r, r2, legacy
