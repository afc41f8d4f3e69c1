<?php
// expect: secure
$name = $_GET['name'] ?? 'guest';
echo '<p>Hello ' . htmlspecialchars($name, ENT_QUOTES, 'UTF-8') . '</p>';
