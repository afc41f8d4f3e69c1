<?php
// expect: insecure CWE-78
$archive = $_POST['archive'];
exec('tar -tzf /srv/uploads/' . $archive, $listing, $status);
echo implode("\n", array_map('htmlspecialchars', $listing));
