class Workers {
    void halt(Thread workerThread, Runnable task) {
        // ruleid: java.deprecated-thread-method
        workerThread.stop();
        // ruleid: java.deprecated-thread-method
        workerThread.run();
        // ok: java.deprecated-thread-method
        workerThread.interrupt();
        // ok: java.deprecated-thread-method
        executor.shutdown();
    }
}
