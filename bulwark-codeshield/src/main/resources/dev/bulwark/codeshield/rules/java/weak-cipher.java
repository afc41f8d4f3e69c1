import javax.crypto.Cipher;

class Crypt {
    void init() throws Exception {
        // ruleid: java.weak-cipher
        Cipher c = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java.weak-cipher
        Cipher b = Cipher.getInstance("Blowfish/CBC/PKCS5Padding");
        // ruleid: java.weak-cipher
        Cipher n = new NullCipher();
        // ok: java.weak-cipher
        Cipher g = Cipher.getInstance("AES/GCM/NoPadding");
    }
}
