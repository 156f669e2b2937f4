package dev.hotline.bench.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Business logic: prices every order of a customer and sums them up per product. */
final class OrderService {
    private final OrderRepository repository;
    private final PriceRules prices;

    OrderService(OrderRepository repository, PriceRules prices) {
        this.repository = repository;
        this.prices = prices;
    }

    Model.OrderSummary summarize(long customerId, String currency) throws Exception {
        Model.Customer customer = repository.findCustomer(customerId);
        if (customer == null) throw new IllegalArgumentException("no customer " + customerId);
        List<Model.Order> orders = repository.findOrdersOfCustomer(customerId);
        List<Model.PricedOrder> priced = new ArrayList<>(orders.size());
        for (Model.Order order : orders) priced.add(prices.price(order, customer.country(), currency));
        long gross = 0;
        for (Model.PricedOrder p : priced) gross += p.grossCents();
        return new Model.OrderSummary(customer, currency, priced.size(), gross, topProducts(priced),
                priced.subList(0, Math.min(20, priced.size())));
    }

    private static List<Model.ProductTotal> topProducts(List<Model.PricedOrder> priced) {
        Map<String, long[]> byProduct = new LinkedHashMap<>();
        for (Model.PricedOrder p : priced) {
            long[] t = byProduct.computeIfAbsent(p.product(), k -> new long[3]);
            t[0]++;
            t[1] += p.quantity();
            t[2] += p.grossCents();
        }
        List<Model.ProductTotal> totals = new ArrayList<>();
        byProduct.forEach((product, t) -> totals.add(new Model.ProductTotal(product, (int) t[0], (int) t[1], t[2])));
        totals.sort(Comparator.comparingLong(Model.ProductTotal::grossCents).reversed());
        return totals.subList(0, Math.min(5, totals.size()));
    }
}
