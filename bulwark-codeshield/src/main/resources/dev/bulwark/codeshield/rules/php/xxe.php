<?php
// ruleid: php.xxe
$doc = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);
// ok: php.xxe
$doc = simplexml_load_string($xml);
