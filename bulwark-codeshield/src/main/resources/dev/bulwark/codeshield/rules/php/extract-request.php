<?php
// ruleid: php.extract-request
extract($_POST);
// ok: php.extract-request
extract($row);
