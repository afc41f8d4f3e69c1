class Hashes {
    byte[] H(byte[] d) {
        // ruleid: csharp.weak-hash
        using var md5 = System.Security.Cryptography.MD5.Create();
        // ruleid: csharp.weak-hash
        var sha = new SHA1CryptoServiceProvider();
        // ok: csharp.weak-hash
        using var good = SHA256.Create();
        return md5.ComputeHash(d);
    }
}
