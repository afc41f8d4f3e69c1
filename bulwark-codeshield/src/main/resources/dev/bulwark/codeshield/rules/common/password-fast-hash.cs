using System.Security.Cryptography;
using System.Text;

public class PasswordStore
{
    public byte[] Hash(string password, byte[] salt)
    {
        // ruleid: common.password-fast-hash
        var fast = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        // ruleid: common.password-fast-hash
        var legacy = MD5.HashData(Encoding.UTF8.GetBytes(newPassword));
        // ok: common.password-fast-hash
        var strong = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        // ok: common.password-fast-hash
        var etag = SHA256.HashData(body);
        // ok: common.password-fast-hash
        var salted = SHA256.HashData(Encoding.UTF8.GetBytes(password + Convert.ToBase64String(salt)));
        return fast;
    }
}
