package dev.hotline.demo;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.stream.Collectors;

/** {@code GET /db?note=gate}: an unindexed search and aggregate over 200k orders in H2. */
final class OrdersServlet extends DemoServlet {
    private final OrdersDatabase orders;

    OrdersServlet(OrdersDatabase orders) {
        this.orders = orders;
    }

    @Override
    String handle(HttpServletRequest req) throws Exception {
        String word = Params.wordParam(req, "note", "gate");
        if (!orders.isLoaded()) throw new Problem(503, orders.loadStatus());
        long start = System.nanoTime();
        List<OrdersDatabase.ProductRevenue> top = orders.topProductsWithNoteLike(word); // scans all 200k rows
        String products = top.stream()
                .map(p -> json("{\"product\": \"%s\", \"orders\": %d, \"revenue\": %s}", p.product(), p.orders(), p.revenue()))
                .collect(Collectors.joining(", "));
        return json("{\"note_contains\": \"%s\", \"rows_scanned\": %d, \"top_products\": [%s], \"ms\": %d}",
                word, OrdersDatabase.ROWS, products, millisSince(start));
    }
}
