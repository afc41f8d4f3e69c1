<?php
// ruleid: php.code-injection
eval($_GET['code']);
// ruleid: php.code-injection
$f = create_function('$a', 'return $a * 2;');
// ruleid: php.code-injection
eval("\$x = $value;");
// ok: php.code-injection
eval('return 1;');
// ok: php.code-injection
$r = $validator->assert($value);
