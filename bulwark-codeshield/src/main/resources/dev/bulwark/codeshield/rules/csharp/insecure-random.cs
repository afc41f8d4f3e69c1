class Dice {
    int Roll(int min, int max) {
        // ruleid: csharp.insecure-random
        var random2 = new Random();
        // ruleid: csharp.insecure-random
        int a = random2.Next();
        // ruleid: csharp.insecure-random
        return UnityEngine.Random.Range(min, max);
    }
    int Good() {
        // ok: csharp.insecure-random
        return RandomNumberGenerator.GetInt32(10);
    }
}
