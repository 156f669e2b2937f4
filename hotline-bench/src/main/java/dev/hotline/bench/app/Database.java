package dev.hotline.bench.app;

import org.h2.jdbcx.JdbcDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory H2 database of customers and their orders (indexed by customer), with a fixed connection pool. */
final class Database implements AutoCloseable {
    static final int CUSTOMERS = 500;
    static final int ORDERS_PER_CUSTOMER = 40;
    private static final int POOL = 16;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String[] PRODUCTS = {"kettle", "toaster", "teapot", "mug", "grinder", "scale", "whisk",
            "pan", "knife", "board", "bowl", "jug"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "GB", "IT"};
    private static final String[] STATUSES = {"PAID", "SHIPPED", "DELIVERED", "RETURNED"};

    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL);
    private final Connection keepOpen;

    private Database(JdbcDataSource source) throws SQLException {
        keepOpen = source.getConnection();
        for (int i = 0; i < POOL; i++) pool.add(source.getConnection());
    }

    static Database create(int customers, int ordersPerCustomer) throws SQLException {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:bench-" + INSTANCES.incrementAndGet());
        Database db = new Database(source);
        db.fill(customers, ordersPerCustomer);
        return db;
    }

    private void fill(int customers, int ordersPerCustomer) throws SQLException {
        try (Statement s = keepOpen.createStatement()) {
            s.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(80), email VARCHAR(120), country CHAR(2))");
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, product VARCHAR(40),"
                    + " quantity INT, unit_price_cents BIGINT, status VARCHAR(16))");
            s.execute("CREATE INDEX orders_by_customer ON orders (customer_id)");
        }
        try (PreparedStatement c = keepOpen.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?)");
             PreparedStatement o = keepOpen.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)")) {
            long orderId = 0;
            for (int id = 1; id <= customers; id++) {
                c.setLong(1, id);
                c.setString(2, "Customer " + id);
                c.setString(3, "customer" + id + "@example.org");
                c.setString(4, COUNTRIES[id % COUNTRIES.length]);
                c.addBatch();
                for (int k = 0; k < ordersPerCustomer; k++) {
                    orderId++;
                    o.setLong(1, orderId);
                    o.setLong(2, id);
                    o.setString(3, PRODUCTS[(int) ((orderId * 7) % PRODUCTS.length)]);
                    o.setInt(4, 1 + (int) ((orderId * 13) % 12));
                    o.setLong(5, 199 + (orderId * 37) % 9_000);
                    o.setString(6, STATUSES[(int) (orderId % STATUSES.length)]);
                    o.addBatch();
                }
                o.executeBatch();
            }
            c.executeBatch();
        }
    }

    Connection borrow() throws InterruptedException {
        return pool.take();
    }

    void giveBack(Connection connection) {
        pool.add(connection);
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : pool) c.close();
        keepOpen.close();
    }
}
