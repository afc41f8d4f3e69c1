class Tasks {
    Process list() throws Exception {
        // ruleid: java.os-command
        return Runtime.getRuntime().exec("tasklist /fi \"IMAGENAME eq app.exe\"");
    }
    long mem() {
        // ok: java.os-command
        return Runtime.getRuntime().totalMemory();
    }
}
