# expect: secure
import subprocess
import sys

def compress(target):
    subprocess.run(["gzip", "-9", target], check=True)

if __name__ == "__main__":
    compress(sys.argv[1])
