<?php
// ruleid: php.obsolete-mcrypt
$c = mcrypt_encrypt(MCRYPT_RIJNDAEL_128, $key, $data, MCRYPT_MODE_CBC, $iv);
// ok: php.obsolete-mcrypt
$c = openssl_encrypt($data, 'aes-256-gcm', $key, 0, $iv, $tag);
