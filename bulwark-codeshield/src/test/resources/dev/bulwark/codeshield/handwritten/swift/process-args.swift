// expect: secure
import Foundation

func git(_ args: [String]) throws -> String {
    let task = Process()
    let pipe = Pipe()
    task.standardOutput = pipe
    task.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    task.arguments = args
    try task.run()
    task.waitUntilExit()
    return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
}

let branch = CommandLine.arguments[1]
print(try git(["checkout", "--", branch]))
