<?php
$host = $_GET['host'];
// ruleid: php.tainted-command
exec('ping -c 1 ' . $host, $out);
// ok: php.tainted-command
exec('ping -c 1 ' . escapeshellarg($host), $out);

function convert($file) {
    $cmd = "convert $file out.png";
    // ruleid: php.tainted-command
    shell_exec($cmd);
}

function thumbnail($file) {
    $arg = escapeshellarg($file);
    // ok: php.tainted-command
    system("convert $arg -resize 64x64 thumb.png");
}

// ok: php.tainted-command
passthru('uptime');
