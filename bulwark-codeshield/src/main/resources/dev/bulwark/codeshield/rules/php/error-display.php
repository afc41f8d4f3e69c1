<?php
// ruleid: php.error-display
ini_set('display_errors', 'on');
// ruleid: php.error-display
phpinfo();
// ok: php.error-display
ini_set('display_errors', '0');
// ok: php.error-display
ini_set('log_errors', '1');
