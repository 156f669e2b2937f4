package dev.hotline.demo;

/** Client of a remote pricing service. The remote call is simulated: it only takes time. */
final class PricingClient {
    private PricingClient() {}

    /** The price of {@code sku} in cents, after {@code latencyMs} of waiting for the "remote" service. */
    static int fetchPriceCents(String sku, int latencyMs) throws InterruptedException {
        Thread.sleep(latencyMs); // simulated slow downstream call: the pricing service takes its time
        return 1_000 + Math.floorMod(sku.hashCode(), 9_000);
    }
}
