<?php
function run($host) {
    // ruleid: php.command-injection
    $out = shell_exec("ping -c 1 $host");
    // ruleid: php.command-injection
    exec('nslookup ' . $host, $lines);
    // ruleid: php.command-injection
    system($_GET['cmd']);
    // ruleid: php.command-injection
    $list = `ls $host`;
    // ok: php.command-injection
    exec('nslookup ' . escapeshellarg($host), $lines);
    // ok: php.command-injection
    $ok = shell_exec('uptime');
    // ok: php.command-injection
    $stmt->exec($host);
}
// ruleid: php.command-injection
$sim = shell_exec('java -cp app/ Compare "'.$a.'" "'.$b.'"');
$safe = escapeshellarg($host);
// ok: php.command-injection
exec($safe);
