package dev.hotline.bench.app;

import java.util.List;

/** The orders and customers tables, through {@link Jdbc}. */
final class OrderRepository {
    private final Jdbc jdbc;

    OrderRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Model.Customer findCustomer(long id) throws Exception {
        List<Model.Customer> found = jdbc.query("SELECT id, name, email, country FROM customers WHERE id = ?",
                rs -> new Model.Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), id);
        return found.isEmpty() ? null : found.get(0);
    }

    List<Model.Order> findOrdersOfCustomer(long customerId) throws Exception {
        return jdbc.query("SELECT id, customer_id, product, quantity, unit_price_cents, status FROM orders"
                        + " WHERE customer_id = ? ORDER BY id DESC",
                rs -> new Model.Order(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6)), customerId);
    }
}
