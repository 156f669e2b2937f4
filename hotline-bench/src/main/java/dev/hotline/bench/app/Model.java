package dev.hotline.bench.app;

import java.util.List;

/** The records the app reads from the database and writes as JSON. */
final class Model {
    private Model() {}

    record Customer(long id, String name, String email, String country) {}

    record Order(long id, long customerId, String product, int quantity, long unitPriceCents, String status) {}

    record PricedOrder(long id, String product, int quantity, long netCents, long taxCents, long grossCents, String status) {}

    record ProductTotal(String product, int orders, int quantity, long grossCents) {}

    record OrderSummary(Customer customer, String currency, int orderCount, long grossCents,
                        List<ProductTotal> topProducts, List<PricedOrder> recentOrders) {}
}
