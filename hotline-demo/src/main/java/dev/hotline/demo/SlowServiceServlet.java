package dev.hotline.demo;

import jakarta.servlet.http.HttpServletRequest;

/** {@code GET /sleep?ms=200}: waits on a slow downstream service, then does a little work of its own. */
final class SlowServiceServlet extends DemoServlet {
    static final int DEFAULT_MS = 200;
    private static final String SKU = "book-42";

    @Override
    String handle(HttpServletRequest req) throws InterruptedException {
        int latencyMs = Params.intParam(req, "ms", DEFAULT_MS, 0, 10_000);
        long start = System.nanoTime();
        int priceCents = PricingClient.fetchPriceCents(SKU, latencyMs); // slow: waits for the pricing service
        String signature = PriceSigner.sign(SKU, priceCents);            // fast: a few ms of hashing
        return json("{\"sku\": \"%s\", \"price_cents\": %d, \"signature\": \"%s\", \"ms\": %d}",
                SKU, priceCents, signature, millisSince(start));
    }
}
