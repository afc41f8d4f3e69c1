<?php
// expect: insecure CWE-916
function register(PDO $db, string $user, string $password) {
    $hash = md5($password);
    $stmt = $db->prepare('INSERT INTO users (name, pass) VALUES (?, ?)');
    $stmt->execute([$user, $hash]);
}
