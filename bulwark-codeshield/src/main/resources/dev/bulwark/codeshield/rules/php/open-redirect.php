<?php
// ruleid: php.open-redirect
header("Location: " . $_GET['redirect']);
// ok: php.open-redirect
header('Location: /login.php');
