package dev.hotline.demo;

/** Counts primes the slow way, on purpose: trial division of every candidate. */
final class Primes {
    private Primes() {}

    static int countBelow(int n) {
        int count = 0;
        for (int candidate = 2; candidate < n; candidate++) {
            if (isPrime(candidate)) count++;
        }
        return count;
    }

    static boolean isPrime(int candidate) {
        for (int divisor = 2; divisor * divisor <= candidate; divisor++) { // the hot loop: one division per try
            if (candidate % divisor == 0) return false;
        }
        return true;
    }
}
