<?php
function find($db, $conn, $id) {
    // ruleid: php.sql-injection
    $r = mysqli_query($conn, "SELECT * FROM users WHERE id = $id");
    // ruleid: php.sql-injection
    $r = $db->query('SELECT * FROM users WHERE name = ' . $_GET['name']);
    // ruleid: php.sql-injection
    $r = mysql_query($_GET['q']);
    // ok: php.sql-injection
    $stmt = $db->prepare('SELECT * FROM users WHERE id = ?');
    // ok: php.sql-injection
    $r = $db->query('SELECT COUNT(*) FROM users');
}
<?php
// ruleid: php.sql-injection
$this->exec('ALTER SESSION SET NLS_DATE_FORMAT = "' . $format . '"');
// ruleid: php.sql-injection
$app['db']->exec($sql . " WHERE id = " . $id);
function relabel($pdo, $item) {
    $sql = "UPDATE items SET label = '" . $item['label'] . "' WHERE id = " . $item['id'];
    // ruleid: php.sql-injection
    $pdo->exec($sql);
    $count = "SELECT COUNT(*) FROM items";
    // ok: php.sql-injection
    $pdo->query($count);
}
