class Pad {
    void init() throws Exception {
        // ruleid: java.padding-oracle
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        // ruleid: java.padding-oracle
        Cipher r = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        // ok: java.padding-oracle
        Cipher o = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    }
}
