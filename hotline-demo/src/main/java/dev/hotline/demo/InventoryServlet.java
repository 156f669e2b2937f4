package dev.hotline.demo;

import jakarta.servlet.http.HttpServletRequest;

/** {@code GET /lock?ms=150}: a reservation that waits for the inventory lock a background audit holds. */
final class InventoryServlet extends DemoServlet {
    static final int DEFAULT_HOLD_MS = 150;
    private static final String SKU = "book-42";
    private final Inventory inventory;

    InventoryServlet(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    String handle(HttpServletRequest req) throws InterruptedException {
        int holdMs = Params.intParam(req, "ms", DEFAULT_HOLD_MS, 0, 10_000);
        inventory.startAudit(holdMs); // a background audit takes the inventory lock for holdMs
        long start = System.nanoTime();
        int left = inventory.reserve(SKU); // waits for the lock (see Inventory.reserve)
        return json("{\"sku\": \"%s\", \"reserved\": 1, \"left\": %d, \"waited_ms\": %d}", SKU, left, millisSince(start));
    }
}
