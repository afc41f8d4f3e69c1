<?php
$job = '/tmp/import-job.sh';
// ruleid: php.exec-from-temp-dir
exec($job, $output, $code);
// ruleid: php.exec-from-temp-dir
$out = shell_exec("php /var/tmp/worker.php --once");
// ok: php.exec-from-temp-dir
exec('/usr/local/bin/import-job', $output);
$report = '/opt/app/bin/report';
// ok: php.exec-from-temp-dir
system($report);
// ok: php.exec-from-temp-dir
$log = file_get_contents('/tmp/import.log');
