package dev.hotline.bench.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Tax, discount and currency conversion per order, in BigDecimal as billing code does. */
final class PriceRules {
    private static final Map<String, BigDecimal> VAT = Map.of("DE", new BigDecimal("0.19"), "FR", new BigDecimal("0.20"),
            "NL", new BigDecimal("0.21"), "GB", new BigDecimal("0.20"), "IT", new BigDecimal("0.22"));
    private static final Map<String, BigDecimal> RATES = Map.of("EUR", BigDecimal.ONE, "GBP", new BigDecimal("0.86"),
            "USD", new BigDecimal("1.08"));

    Model.PricedOrder price(Model.Order order, String country, String currency) {
        BigDecimal rate = RATES.getOrDefault(currency, BigDecimal.ONE);
        BigDecimal net = BigDecimal.valueOf(order.unitPriceCents()).multiply(BigDecimal.valueOf(order.quantity()));
        net = discount(net, order.quantity()).multiply(rate).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal tax = net.multiply(VAT.getOrDefault(country, new BigDecimal("0.20"))).setScale(0, RoundingMode.HALF_EVEN);
        return new Model.PricedOrder(order.id(), order.product(), order.quantity(), net.longValueExact(),
                tax.longValueExact(), net.add(tax).longValueExact(), order.status());
    }

    private static BigDecimal discount(BigDecimal net, int quantity) {
        if (quantity >= 10) return net.multiply(new BigDecimal("0.90"));
        if (quantity >= 5) return net.multiply(new BigDecimal("0.95"));
        return net;
    }
}
