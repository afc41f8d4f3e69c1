// expect: secure
import Security

func save(token: Data) -> OSStatus {
    let query: [String: Any] = [kSecClass as String: kSecClassGenericPassword,
                                kSecAttrAccessible as String: kSecAttrAccessibleWhenUnlockedThisDeviceOnly,
                                kSecValueData as String: token]
    return SecItemAdd(query as CFDictionary, nil)
}
