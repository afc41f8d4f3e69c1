<?php
// expect: insecure CWE-89
function db_rows(mysqli $db, string $sql): array
{
    $result = mysqli_query($db, $sql);
    return mysqli_fetch_all($result, MYSQLI_ASSOC);
}

$db = mysqli_connect('localhost', 'app', getenv('DB_PASSWORD'), 'shop');
$tag = $_GET['tag'] ?? '';
$rows = db_rows($db, "SELECT id, title FROM posts WHERE tag = '$tag' ORDER BY created DESC");
foreach ($rows as $row) {
    echo htmlspecialchars($row['title']), "<br>";
}
