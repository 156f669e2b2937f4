package benchapp.shop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The code the tracing benchmark weaves (it lives outside dev.hotline, which is never woven): a tight loop, and a
 * request handler of a few layers doing what handlers do: look-ups, collections, string and JSON work.
 */
public final class Shop {
    private Shop() {}

    /** The worst case for line tracing: a one-line loop body. */
    public static final class TightLoop implements LongUnaryOperator {
        @Override
        public long applyAsLong(long n) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += i * 31L ^ (sum >>> 7);
            }
            return sum;
        }
    }

    /** A GET /orders/{customer} handler: controller, service, repository, JSON rendering. */
    public static final class OrderHandler implements LongUnaryOperator {
        private final OrderService service = new OrderService(new OrderRepository(200));

        @Override
        public long applyAsLong(long customer) {
            String path = "/orders/" + customer;
            String id = path.substring(path.lastIndexOf('/') + 1);
            List<Order> orders = service.recentOrders(Long.parseLong(id), 10);
            String json = Json.orders(orders);
            return json.length();
        }
    }

    record Order(long id, long customer, String item, int quantity, long priceCents) {
        long totalCents() {
            return quantity * priceCents;
        }
    }

    static final class OrderRepository {
        private final Map<Long, List<Order>> byCustomer = new HashMap<>();

        OrderRepository(int customers) {
            long id = 1;
            for (long c = 0; c < customers; c++) {
                List<Order> list = new ArrayList<>();
                for (int k = 0; k < 25; k++) {
                    list.add(new Order(id++, c, "item-" + (k * 7 % 13), 1 + k % 4, 199 + k * 50L));
                }
                byCustomer.put(c, list);
            }
        }

        List<Order> findByCustomer(long customer) {
            List<Order> found = byCustomer.get(customer % byCustomer.size());
            return found == null ? List.of() : found;
        }
    }

    static final class OrderService {
        private final OrderRepository repository;

        OrderService(OrderRepository repository) {
            this.repository = repository;
        }

        List<Order> recentOrders(long customer, int limit) {
            List<Order> all = new ArrayList<>(repository.findByCustomer(customer));
            all.sort(Comparator.comparingLong(Order::totalCents).reversed());
            List<Order> out = new ArrayList<>(limit);
            for (Order o : all) {
                if (out.size() == limit) break;
                if (o.quantity() > 0) out.add(o);
            }
            return out;
        }
    }

    static final class Json {
        static String orders(List<Order> orders) {
            StringBuilder b = new StringBuilder(512).append('[');
            for (int i = 0; i < orders.size(); i++) {
                if (i > 0) b.append(',');
                order(b, orders.get(i));
            }
            return b.append(']').toString();
        }

        private static void order(StringBuilder b, Order o) {
            b.append("{\"id\":").append(o.id());
            b.append(",\"item\":\"").append(escape(o.item())).append('"');
            b.append(",\"quantity\":").append(o.quantity());
            b.append(",\"total\":\"").append(String.format("%d.%02d", o.totalCents() / 100, o.totalCents() % 100)).append("\"}");
        }

        private static String escape(String s) {
            return s.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
