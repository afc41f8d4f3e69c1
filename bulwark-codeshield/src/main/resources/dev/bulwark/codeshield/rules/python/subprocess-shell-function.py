import asyncio
import subprocess

async def run(host):
    # ruleid: python.subprocess-shell-function
    status = subprocess.getoutput("ping -c1 " + host)
    # ruleid: python.subprocess-shell-function
    proc = await asyncio.create_subprocess_shell(f"nslookup {host}")
    # ok: python.subprocess-shell-function
    uptime = subprocess.getoutput("uptime")
    # ok: python.subprocess-shell-function
    proc = await asyncio.create_subprocess_exec("nslookup", host)
    return status, proc, uptime
