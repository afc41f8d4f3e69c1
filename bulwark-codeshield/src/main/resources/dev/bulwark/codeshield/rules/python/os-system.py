import os

def run(path):
    # ruleid: python.os-system
    os.system("ls " + path)
    # ruleid: python.os-system
    out = os.popen(f"cat {path}").read()
    # ok: python.os-system
    os.system("ls -l")
    # ok: python.os-system
    print("os.system(x) is dangerous")
    # os.system(path) in a comment
    return out
