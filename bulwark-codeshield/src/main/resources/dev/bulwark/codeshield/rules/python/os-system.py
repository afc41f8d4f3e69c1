import os
from os import system

def run(path, name):
    # ruleid: python.os-system
    os.system("ls " + path)
    # ruleid: python.os-system
    out = os.popen(f"cat {path}").read()
    # ruleid: python.os-system
    system(name)
    # ok: python.os-system
    os.system("ls -l")
    # ok: python.os-system
    os.popen('uptime', 'r')
    # ok: python.os-system
    print("os.system(x) is dangerous")
    # os.system(path) in a comment
    # ok: python.os-system
    self.system(path)
    return out
