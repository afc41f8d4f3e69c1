import java.security.SecureRandom;
import java.util.Random;

class Tokens {
    private static final SecureRandom TOKENS = new SecureRandom();

    String make() {
        // ruleid: java.insecure-random
        Random tokenRng = new Random();
        // ruleid: java.insecure-random
        int otp = tokenRng.nextInt(1000000) + rnd.nextInt();
        // ruleid: java.insecure-random
        double nonce = Math.random();
        // ok: java.insecure-random
        java.security.SecureRandom sr = new java.security.SecureRandom();
        // ok: java.insecure-random
        int x = sr.nextInt();
        // ok: java.insecure-random
        int y = secureRandom.nextInt();
        return "" + otp + nonce + x + y;
    }

    String sessionId() {
        byte[] b = new byte[32];
        TOKENS.nextBytes(b);
        return Base64.getUrlEncoder().encodeToString(b);
    }

    void shuffle(List<Card> deck) {
        // ok: java.insecure-random
        Collections.shuffle(deck, new Random());
        // ok: java.insecure-random
        long backoff = 100 + (long) (Math.random() * 50);
    }
}
