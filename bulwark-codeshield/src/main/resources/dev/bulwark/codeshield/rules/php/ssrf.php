<?php
// ruleid: php.ssrf
$page = file_get_contents($_GET['url']);
// ruleid: php.ssrf
curl_setopt($ch, CURLOPT_URL, $_POST['target']);
// ok: php.ssrf
$local = file_get_contents(__DIR__ . '/data.json');
