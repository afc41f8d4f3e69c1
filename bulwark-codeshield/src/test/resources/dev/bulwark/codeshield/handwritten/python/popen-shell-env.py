# expect: insecure CWE-78
import os
import subprocess

def backup():
    target = os.environ.get("BACKUP_TARGET", "/mnt/backup")
    subprocess.Popen("rsync -a /srv/data " + target, shell=True).wait()
