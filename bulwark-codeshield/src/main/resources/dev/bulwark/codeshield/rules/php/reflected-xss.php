<?php
// ruleid: php.reflected-xss
echo "Hello " . $_GET['name'];
// ruleid: php.reflected-xss
print($_POST['comment']);
// ok: php.reflected-xss
echo htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8');
// ok: php.reflected-xss
echo $greeting;
