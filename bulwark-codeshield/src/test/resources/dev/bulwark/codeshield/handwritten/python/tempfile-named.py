# expect: secure
import tempfile

def write_report(data):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:
        fh.write(data)
        return fh.name
