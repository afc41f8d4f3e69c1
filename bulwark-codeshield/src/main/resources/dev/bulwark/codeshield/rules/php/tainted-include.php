<?php
$page = $_GET['page'];
// ruleid: php.tainted-include
include 'pages/' . $page . '.php';

$pages = ['home', 'about'];
$p = $_GET['p'];
if (in_array($p, $pages, true)) {
    // ok: php.tainted-include
    include "pages/$p.php";
}

$name = basename($_GET['file']);
// ok: php.tainted-include
readfile('/srv/files/' . $name);

// ruleid: php.tainted-include
echo file_get_contents('/srv/files/' . $_POST['doc']);

// ok: php.tainted-include
require_once __DIR__ . '/config.php';
