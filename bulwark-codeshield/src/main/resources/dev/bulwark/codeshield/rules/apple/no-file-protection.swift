// ruleid: apple.no-file-protection
let attributes: [FileAttributeKey: Any] = [.protectionKey: FileProtectionType.none]
// ruleid: apple.no-file-protection
try data.write(to: url, options: .noFileProtection)
// ok: apple.no-file-protection
try data.write(to: url, options: .completeFileProtection)
