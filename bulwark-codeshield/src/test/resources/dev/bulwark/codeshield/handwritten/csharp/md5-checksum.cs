// expect: secure
using System;
using System.IO;
using System.Security.Cryptography;

public static class Downloads
{
    // Matches the mirror's published SHA-256 list; not used for passwords or signatures.
    public static string Checksum(string path)
    {
        using var sha = SHA256.Create();
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(sha.ComputeHash(stream));
    }
}
