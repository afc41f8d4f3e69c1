import java.security.MessageDigest;

class Hashes {
    byte[] h(byte[] data) throws Exception {
        // ruleid: java.weak-hash
        MessageDigest md = MessageDigest.getInstance("MD5");
        // ruleid: java.weak-hash
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        // ruleid: java.weak-hash
        String hex = DigestUtils.md5Hex(data);
        // ok: java.weak-hash
        MessageDigest good = MessageDigest.getInstance("SHA-256");
        // ok: java.weak-hash
        String s = DigestUtils.sha256Hex(data);
        return md.digest(data);
    }
}
class More {
    // ruleid: java.weak-hash
    byte[] a = DigestUtils.md4Hex(foo.getBytes());
    // ruleid: java.weak-hash
    byte[] b = DigestUtils.getMd4Digest().digest(foo.getBytes());
}
