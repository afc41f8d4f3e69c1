<?php
class Deploy {
    public function publish($branch, $message) {
        $this->shell
            // ruleid: php.command-format
            ->add(sprintf('git checkout %s', $branch))
            // ruleid: php.command-format
            ->add(sprintf('git commit -am "%s"', $message))
            // ok: php.command-format
            ->add(sprintf('git push origin %s', escapeshellarg($branch)))
            ->run();
        // ok: php.command-format
        $this->log(sprintf('deployed %s', $branch));
    }
}
