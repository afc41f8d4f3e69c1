<?php
// ruleid: php.os-command
$result = exec('type -P df');
// ruleid: php.os-command
$tainted = shell_exec('cat /tmp/tainted.txt');
// ok: php.os-command
$stmt->exec('SELECT 1');
// ok: php.os-command
$x = executeTask('x');
