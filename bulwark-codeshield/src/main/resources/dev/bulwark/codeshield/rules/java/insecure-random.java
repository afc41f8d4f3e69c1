import java.util.Random;

class Tokens {
    String make() {
        // ruleid: java.insecure-random
        Random r = new Random();
        // ruleid: java.insecure-random
        int n = r.nextInt(10) + rnd.nextInt();
        // ruleid: java.insecure-random
        double d = Math.random();
        // ok: java.insecure-random
        java.security.SecureRandom sr = new java.security.SecureRandom();
        // ok: java.insecure-random
        int x = sr.nextInt();
        // ok: java.insecure-random
        int y = secureRandom.nextInt();
        return "" + n + d + x + y;
    }
}
