class Modes {
    void Init(Aes aes) {
        // ruleid: csharp.unauthenticated-cipher-mode
        aes.Mode = CipherMode.CBC;
        // ok: csharp.unauthenticated-cipher-mode
        aes.Padding = PaddingMode.PKCS7;
    }
}
