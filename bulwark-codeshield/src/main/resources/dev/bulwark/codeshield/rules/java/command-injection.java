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
        List<String> convert = List.of("ffmpeg", "-i", host, "out.mp4");
        // ok: java.command-injection
        new ProcessBuilder(convert).redirectErrorStream(true).start();
        // ok: java.command-injection
        new ProcessBuilder("git", "clone", host).start();
        List<String> viaShell = List.of("bash", "-c", "tar xf " + host);
        // ruleid: java.command-injection
        new ProcessBuilder(viaShell).start();
        // ruleid: java.command-injection
        new ProcessBuilder(host.split(" ")).start();
        // ruleid: java.command-injection
        new ProcessBuilder(args[0], host).start();
    }
}
