import Foundation

let allowed = ["uptime", "df"]

func ping() throws {
    let host = CommandLine.arguments[1]
    let task = Process()
    task.executableURL = URL(fileURLWithPath: "/bin/sh")
    // ruleid: swift.tainted-command
    task.arguments = ["-c", "ping -c 1 " + host]
    // ok: swift.tainted-command
    task.arguments = ["-c", "ping -c 1 localhost"]
    try task.run()
}

func pingDirect() throws {
    let host = CommandLine.arguments[1]
    let task = Process()
    task.executableURL = URL(fileURLWithPath: "/sbin/ping")
    // ok: swift.tainted-command
    task.arguments = ["-c", "1", host]
    try task.run()
}

func shell(_ script: String) -> Process {
    // ok: swift.tainted-command
    return Process.launchedProcess(launchPath: "/bin/bash", arguments: ["-c", script])
}

func archive() {
    let name = CommandLine.arguments[2]
    // ruleid: swift.tainted-command
    _ = shell("tar czf /backups/\(name).tgz /srv/data")
    // ok: swift.tainted-command
    _ = shell("tar czf /backups/nightly.tgz /srv/data")
}
