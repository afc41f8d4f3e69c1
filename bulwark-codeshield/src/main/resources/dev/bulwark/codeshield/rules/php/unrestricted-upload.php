<?php
// ruleid: php.unrestricted-upload
move_uploaded_file($_FILES['f']['tmp_name'], 'uploads/' . $_FILES['f']['name']);
// ok: php.unrestricted-upload
move_uploaded_file($_FILES['f']['tmp_name'], 'uploads/' . bin2hex(random_bytes(8)) . '.png');
