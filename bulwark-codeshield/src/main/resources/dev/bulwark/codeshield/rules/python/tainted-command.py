import os as o
import shlex
from subprocess import call as run


def ping():
    host = input("host: ")
    # ruleid: python.tainted-command
    o.system("ping -c 1 " + host)
    # ok: python.tainted-command
    o.system("ping -c 1 " + shlex.quote(host))
    # ruleid: python.tainted-command
    run(f"nslookup {host}", shell=True)
    # ok: python.tainted-command
    run(["nslookup", host])


def archive(directory):
    cmd = "tar czf /tmp/backup.tgz " + directory
    # ruleid: python.tainted-command
    o.popen(cmd).read()


def restart(service):
    if service not in ("nginx", "redis"):
        raise ValueError(service)
    # ok: python.tainted-command
    o.system("systemctl restart " + service)


def uptime():
    # ok: python.tainted-command
    o.system("uptime")
