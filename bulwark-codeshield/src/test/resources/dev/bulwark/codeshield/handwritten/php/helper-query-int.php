<?php
// expect: secure
function db_rows(mysqli $db, string $sql): array
{
    $result = mysqli_query($db, $sql);
    return mysqli_fetch_all($result, MYSQLI_ASSOC);
}

function page_offset($page): int
{
    return max(0, (int) $page - 1) * 20;
}

$db = mysqli_connect('localhost', 'app', getenv('DB_PASSWORD'), 'shop');
$offset = page_offset($_GET['page'] ?? 1);
$rows = db_rows($db, "SELECT id, title FROM posts ORDER BY created DESC LIMIT 20 OFFSET $offset");
foreach ($rows as $row) {
    echo htmlspecialchars($row['title']), "<br>";
}
