package example.shop;

/** Workloads with known shapes: a loop of known length, recursion, an exception thrown through frames. */
public final class Work {
    private Work() {}

    public static long loop(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        return sum;
    }

    public static long factorial(int n) {
        if (n <= 1) return 1;
        return n * factorial(n - 1);
    }

    public static void throwThrough(int depth) {
        if (depth <= 0) throw new IllegalStateException("at the bottom");
        throwThrough(depth - 1);
    }

    public static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
