<?php
// expect: insecure CWE-79
$name = $_GET['name'] ?? 'guest';
echo '<p>Hello ' . $name . '</p>';
