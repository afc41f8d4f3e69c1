import os
import tempfile

def scratch():
    # ruleid: python.insecure-temp-file
    path = tempfile.mktemp(suffix=".csv")
    # ruleid: python.insecure-temp-file
    lock = open("/tmp/app-%d.lock" % os.getpid(), "w")
    # ok: python.insecure-temp-file
    fd, safe = tempfile.mkstemp(suffix=".csv")
    # ok: python.insecure-temp-file
    with tempfile.NamedTemporaryFile("w", delete=False) as fh:
        fh.write("x")
    # ok: python.insecure-temp-file
    cache = os.path.join(tempfile.gettempdir(), "app-cache")
    return path, lock, safe, cache
