<?php
// expect: insecure CWE-89
function find_article(mysqli $db, string $slug) {
    $sql = "SELECT * FROM articles WHERE slug = '" . $slug . "'";
    $result = mysqli_query($db, $sql);
    return mysqli_fetch_assoc($result);
}
