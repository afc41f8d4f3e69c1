import Foundation

let base = "/var/app/uploads/"

func readUpload() -> Data? {
    let name = CommandLine.arguments[1]
    // ruleid: swift.tainted-path
    let data = FileManager.default.contents(atPath: base + name)
    // ok: swift.tainted-path
    let safe = FileManager.default.contents(atPath: base + (name as NSString).lastPathComponent)
    return data ?? safe
}

func deleteUpload() throws {
    let name = ProcessInfo.processInfo.environment["UPLOAD"] ?? ""
    let path = base + name
    // ruleid: swift.tainted-path
    try FileManager.default.removeItem(atPath: path)
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
    if resolved.hasPrefix(base) {
        // ok: swift.tainted-path
        try FileManager.default.removeItem(atPath: resolved)
    }
}

func readLog() throws -> String {
    // ok: swift.tainted-path
    return try String(contentsOfFile: "/var/log/app.log")
}
