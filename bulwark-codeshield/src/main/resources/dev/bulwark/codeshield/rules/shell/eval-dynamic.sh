# ruleid: shell.eval-dynamic
eval "$USER_INPUT"
# ruleid: shell.eval-dynamic
eval $(ssh-agent -s)
# ok: shell.eval-dynamic
eval "set -- a b"
