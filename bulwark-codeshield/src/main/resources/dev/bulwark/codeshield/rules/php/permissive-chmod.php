<?php
// ruleid: php.permissive-chmod
chmod($path, 0777);
// ruleid: php.permissive-chmod
mkdir($dir, 0777, true);
// ok: php.permissive-chmod
chmod($path, 0640);
