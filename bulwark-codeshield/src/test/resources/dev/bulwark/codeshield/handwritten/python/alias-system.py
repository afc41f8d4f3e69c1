# expect: insecure CWE-78
import os as operating_system
import sys

def compress(target):
    operating_system.system("gzip -9 " + target)

if __name__ == "__main__":
    compress(sys.argv[1])
