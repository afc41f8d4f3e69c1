<?php
// ruleid: php.client-address-trust
$ip = $_SERVER['REMOTE_ADDR'];
// ruleid: php.client-address-trust
if ($_SERVER["HTTP_X_FORWARDED_FOR"] === '10.0.0.1') { grant(); }
// ok: php.client-address-trust
$agent = $_SERVER['HTTP_USER_AGENT'];
