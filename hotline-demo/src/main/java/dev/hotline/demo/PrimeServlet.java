package dev.hotline.demo;

import jakarta.servlet.http.HttpServletRequest;

/** {@code GET /cpu?n=1500000}: CPU-bound work, counting the primes below n. */
final class PrimeServlet extends DemoServlet {
    static final int DEFAULT_N = 1_500_000;

    @Override
    String handle(HttpServletRequest req) {
        int n = Params.intParam(req, "n", DEFAULT_N, 2, 50_000_000);
        long start = System.nanoTime();
        int primes = Primes.countBelow(n); // CPU-heavy: trial division of every number below n
        return json("{\"n\": %d, \"primes\": %d, \"ms\": %d}", n, primes, millisSince(start));
    }
}
