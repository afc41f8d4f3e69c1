let query: [String: Any] = [
    // ruleid: apple.keychain-accessible-always
    kSecAttrAccessible as String: kSecAttrAccessibleAlways,
    // ok: apple.keychain-accessible-always
    kSecAttrAccessible as String: kSecAttrAccessibleWhenUnlocked,
]
