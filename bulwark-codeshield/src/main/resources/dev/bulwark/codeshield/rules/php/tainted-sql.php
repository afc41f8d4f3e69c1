<?php
$allowed = ['name', 'created_at'];

function find_user($conn, $name) {
    $sql = "SELECT * FROM users WHERE name = '$name'";
    // ruleid: php.tainted-sql
    return mysqli_query($conn, $sql);
}

$id = $_GET['id'];
$query = 'SELECT * FROM posts WHERE id = ' . $id;
// ruleid: php.tainted-sql
$result = $db->query($query);

$safeId = (int) $_GET['id'];
// ok: php.tainted-sql
$result = $db->query("SELECT * FROM posts WHERE id = $safeId");

$stmt = $pdo->prepare('SELECT * FROM posts WHERE author = ?');
// ok: php.tainted-sql
$stmt->execute([$_GET['author']]);

$order = $_GET['order'];
if (!in_array($order, $allowed, true)) {
    $order = 'name';
}
// ok: php.tainted-sql
$rows = $pdo->query("SELECT * FROM users ORDER BY $order");

$status = $_GET['status'];
// ok: php.tainted-sql
$rows = DB::select('SELECT * FROM orders WHERE status = ?', [$status]);
// ruleid: php.tainted-sql
$rows = DB::select("SELECT * FROM orders WHERE status = '$status'");

// A helper in the same file that hands its parameter to the database, and one that returns a sanitised value.
function fetch_rows($pdo, $sql)
{
    // ok: php.tainted-sql
    return $pdo->query($sql)->fetchAll();
}

function page_number($raw)
{
    return intval($raw);
}

$city = $_GET['city'];
// ruleid: php.tainted-sql
$rows = fetch_rows($pdo, "SELECT * FROM shops WHERE city = '" . $city . "'");
// ok: php.tainted-sql
$rows = fetch_rows($pdo, "SELECT * FROM shops");
$page = page_number($_GET['page']);
// ok: php.tainted-sql
$rows = $pdo->query("SELECT * FROM shops LIMIT 20 OFFSET " . ($page * 20));
