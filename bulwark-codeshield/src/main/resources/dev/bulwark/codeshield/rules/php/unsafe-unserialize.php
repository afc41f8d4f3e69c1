<?php
// ruleid: php.unsafe-unserialize
$favs = unserialize( $_COOKIE['favorites'] );
// ruleid: php.unsafe-unserialize
$obj = unserialize(base64_decode($data));
// ok: php.unsafe-unserialize
$safe = unserialize($data, ['allowed_classes' => false]);
// ok: php.unsafe-unserialize
$json = json_decode($_COOKIE['favorites'], true);
