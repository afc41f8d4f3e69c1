// ruleid: apple.weak-tls-version
CFReadStreamSetProperty(readStream, CFStreamPropertyKey(rawValue: kCFStreamPropertySocketSecurityLevel), kCFStreamSocketSecurityLevelSSLv3)
// ok: apple.weak-tls-version
config.tlsMinimumSupportedProtocolVersion = .TLSv12
