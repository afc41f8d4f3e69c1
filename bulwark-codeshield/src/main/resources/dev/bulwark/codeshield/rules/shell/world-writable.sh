# ruleid: shell.world-writable
chmod 777 /var/www
# ruleid: shell.world-writable
chmod -R o+w /srv/data
# ok: shell.world-writable
chmod 755 /var/www
