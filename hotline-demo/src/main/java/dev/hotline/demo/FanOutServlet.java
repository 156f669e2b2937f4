package dev.hotline.demo;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** {@code GET /fanout}: four supplier quotes fetched in parallel on a thread pool, then the cheapest picked. */
final class FanOutServlet extends DemoServlet {
    private static final String SKU = "book-42";
    private final SupplierQuotes suppliers;

    FanOutServlet(SupplierQuotes suppliers) {
        this.suppliers = suppliers;
    }

    @Override
    String handle(HttpServletRequest req) throws Exception {
        long start = System.nanoTime();
        List<SupplierQuotes.Quote> quotes = suppliers.askAll(SKU); // four tasks on the pool, joined here
        SupplierQuotes.Quote best = quotes.stream().min(Comparator.comparingInt(SupplierQuotes.Quote::priceCents)).orElseThrow();
        String all = quotes.stream()
                .map(q -> json("{\"supplier\": \"%s\", \"price_cents\": %d}", q.supplier(), q.priceCents()))
                .collect(Collectors.joining(", "));
        return json("{\"sku\": \"%s\", \"quotes\": [%s], \"best\": \"%s\", \"ms\": %d}", SKU, all, best.supplier(), millisSince(start));
    }
}
