#!/bin/sh
# ruleid: shell.remote-script-execution
curl -fsSL https://example.com/install.sh | sh
# ruleid: shell.remote-script-execution
wget -qO- https://example.com/setup | sudo bash
# ok: shell.remote-script-execution
curl -fsSLo install.sh https://example.com/install.sh
# ok: shell.remote-script-execution
curl -s https://example.com/data.json | jq .name
