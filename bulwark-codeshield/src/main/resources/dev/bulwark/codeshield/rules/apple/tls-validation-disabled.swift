// ruleid: apple.tls-validation-disabled
settings[kCFStreamSSLAllowsAnyRoot] = NSNumber(value: true)
// ruleid: apple.tls-validation-disabled
settings[kCFStreamSSLValidatesCertificateChain] = NSNumber(value: false)
// ok: apple.tls-validation-disabled
settings[kCFStreamSSLPeerName] = "example.com"
