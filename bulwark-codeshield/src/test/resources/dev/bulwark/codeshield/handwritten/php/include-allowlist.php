<?php
// expect: secure
$pages = ['home', 'about', 'contact'];
$page = $_GET['page'] ?? 'home';
if (!in_array($page, $pages, true)) {
    $page = 'home';
}
include __DIR__ . '/pages/' . $page . '.php';
