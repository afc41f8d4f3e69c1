# ruleid: shell.tls-verification-disabled
curl -k https://internal.example.com/api
# ruleid: shell.tls-verification-disabled
wget --no-check-certificate https://example.com/file.tgz
# ok: shell.tls-verification-disabled
curl -fsSL https://example.com/file.tgz -o file.tgz
