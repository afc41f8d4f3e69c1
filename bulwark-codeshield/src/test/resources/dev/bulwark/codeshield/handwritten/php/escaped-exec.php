<?php
// expect: secure
$archive = $_POST['archive'];
$target = escapeshellarg('/srv/uploads/' . basename($archive));
exec('tar -tzf ' . $target, $listing, $status);
echo implode("\n", array_map('htmlspecialchars', $listing));
