# expect: insecure CWE-377
import os
import tempfile

def write_report(data):
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w") as fh:
        fh.write(data)
    return path
