<?php
// expect: secure
function find_article(PDO $db, string $slug) {
    $stmt = $db->prepare('SELECT * FROM articles WHERE slug = ?');
    $stmt->execute([$slug]);
    return $stmt->fetch();
}
