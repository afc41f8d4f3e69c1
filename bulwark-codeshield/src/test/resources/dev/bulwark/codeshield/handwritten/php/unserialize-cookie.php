<?php
// expect: insecure CWE-502
$prefs = unserialize($_COOKIE['prefs']);
echo htmlspecialchars($prefs['theme'] ?? 'light');
