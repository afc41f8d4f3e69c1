<?php
// ruleid: php.insecure-random
$token = uniqid($prefix);
// ruleid: php.insecure-random
$n = mt_rand(1, 100);
// ok: php.insecure-random
$good = bin2hex(random_bytes(16));
// ok: php.insecure-random
$i = random_int(1, 100);
