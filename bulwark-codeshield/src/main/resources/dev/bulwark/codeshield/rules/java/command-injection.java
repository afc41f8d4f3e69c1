class Shell {
    void run(String host, String[] args) throws Exception {
        // ruleid: java.command-injection
        Runtime.getRuntime().exec("ping -c 1 " + host);
        Runtime rt = Runtime.getRuntime();
        // ruleid: java.command-injection
        rt.exec(args);
        // ruleid: java.command-injection
        new ProcessBuilder("sh", "-c", host).start();
        // ok: java.command-injection
        new ProcessBuilder("ls", "-l").start();
        // ok: java.command-injection
        pattern.matcher(host).matches();
        // ok: java.command-injection
        Runtime.getRuntime().exec("uptime");
    }
}
