import subprocess
from subprocess import check_output

def build(target, flags):
    # ruleid: python.subprocess-shell
    subprocess.call("make " + target, shell=True)
    # ruleid: python.subprocess-shell
    proc = subprocess.Popen(f"tar xzf {target}", shell=True, stdout=subprocess.PIPE)
    # ruleid: python.subprocess-shell
    out = check_output(
        "grep %s log.txt" % flags, shell=True)
    # ok: python.subprocess-shell
    subprocess.run(["make", target])
    # ok: python.subprocess-shell
    subprocess.run("make clean", shell=True)
    # ok: python.subprocess-shell
    subprocess.run(["make", target], shell=False)
    # ok: python.subprocess-shell
    subprocess.run(target, check=True)
    return proc, out
