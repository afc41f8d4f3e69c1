class Ecb {
    void init() throws Exception {
        // ruleid: java.ecb-mode
        Cipher a = Cipher.getInstance("AES");
        // ruleid: java.ecb-mode
        Cipher e = Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ok: java.ecb-mode
        Cipher g = Cipher.getInstance("AES/GCM/NoPadding");
    }
}
