<?php
function sign($value, $name) {
    // ruleid: php.weak-hash
    $hash = sha1($value . $name);
    // ruleid: php.weak-hash
    $token = substr(md5(session_id() . mt_rand()), 0, 14);
    // ruleid: php.weak-hash
    $h = hash('md5', $value);
    // ok: php.weak-hash
    $good = hash('sha256', $value);
    // ok: php.weak-hash
    $pw = password_hash($value, PASSWORD_DEFAULT);
    // ok: php.weak-hash
    $x = $obj->md5($value);
    return $hash . $token . $h . $good . $pw . $x;
}
