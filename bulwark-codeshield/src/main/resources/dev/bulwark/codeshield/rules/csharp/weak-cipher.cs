class Crypt {
    void Init() {
        // ruleid: csharp.weak-cipher
        var des = new DESCryptoServiceProvider();
        // ruleid: csharp.weak-cipher
        aes.Mode = CipherMode.ECB;
        // ok: csharp.weak-cipher
        using var gcm = new AesGcm(key);
    }
}
