<?php
// expect: insecure CWE-98
$page = $_GET['page'] ?? 'home';
include __DIR__ . '/pages/' . $page . '.php';
