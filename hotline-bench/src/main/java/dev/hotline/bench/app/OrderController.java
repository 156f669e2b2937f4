package dev.hotline.bench.app;

/** The HTTP face of the orders: parses and checks arguments, hands over to {@link OrderService}. */
final class OrderController {
    private final OrderService service;

    OrderController(OrderService service) {
        this.service = service;
    }

    @Router.Get("/api/customers/{id}/orders")
    Model.OrderSummary customerOrders(Exchange exchange) throws Exception {
        return summary(exchange);
    }

    /** The same answer under a path of its own, so a benchmark can find one request's profile file by name. */
    @Router.Get("/api/probe/{probe}/customers/{id}/orders")
    Model.OrderSummary probe(Exchange exchange) throws Exception {
        return summary(exchange);
    }

    /** {@code ?ms=N}: the same summary computed again and again for at least N ms (a slow request, same stacks). */
    private Model.OrderSummary summary(Exchange exchange) throws Exception {
        long id = parseId(exchange.pathVariables.get("id"));
        String currency = exchange.query.getOrDefault("currency", "EUR");
        long until = System.nanoTime() + Long.parseLong(exchange.query.getOrDefault("ms", "0")) * 1_000_000;
        Model.OrderSummary summary = service.summarize(id, currency);
        while (System.nanoTime() < until) summary = service.summarize(id, currency);
        return summary;
    }

    private static long parseId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id < 1) throw new IllegalArgumentException("customer id must be positive: " + raw);
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("customer id is not a number: " + raw);
        }
    }
}
