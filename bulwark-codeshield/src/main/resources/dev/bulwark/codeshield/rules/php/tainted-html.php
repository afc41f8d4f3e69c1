<?php
$name = $_GET['name'] ?? 'guest';
// ruleid: php.tainted-html
echo '<p>Hello ' . $name . '</p>';
// ok: php.tainted-html
echo '<p>Hello ' . htmlspecialchars($name, ENT_QUOTES, 'UTF-8') . '</p>';
$q = $_POST['q'];
// ruleid: php.tainted-html
print "<h2>Results for $q</h2>";
// ok: php.tainted-html
echo '<p>Static text</p>';
// ok: php.tainted-html
echo json_encode(['q' => $q]);
