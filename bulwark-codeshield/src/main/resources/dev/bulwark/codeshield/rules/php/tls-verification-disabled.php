<?php
// ruleid: php.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
// ruleid: php.tls-verification-disabled
$ctx = stream_context_create(['ssl' => ['verify_peer' => false]]);
// ok: php.tls-verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
