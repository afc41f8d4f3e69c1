<?php
// ruleid: php.file-inclusion
require($_POST['app_dir'] . $_POST['app_name'] . '.php');
// ruleid: php.file-inclusion
include "pages/" . $_GET['page'];
// ok: php.file-inclusion
require_once __DIR__ . '/config.php';
