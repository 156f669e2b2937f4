package dev.hotline.demo;

import org.h2.jdbcx.JdbcDataSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory H2 database with one table of {@value #ROWS} orders, filled on a background thread at startup.
 * Only {@code id} is indexed, and a {@code LIKE '%word%'} search could not use an index anyway: it reads every row.
 */
final class OrdersDatabase implements AutoCloseable {
    static final int ROWS = 200_000;
    private static final int BATCH = 2_000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final List<String> NOTES = List.of("Leave the parcel with the neighbour at number ",
            "Ring the bell twice, flat ", "Deliver to the back door of unit ", "Call on arrival, gate code ",
            "Gift wrap please, building ");

    /** One line of the top-products answer. */
    record ProductRevenue(String product, int orders, BigDecimal revenue) {}

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Thread loader;
    private volatile Connection keepOpen;
    private volatile int rowsLoaded;
    private volatile boolean loaded;
    private volatile String loadFailure;
    private volatile boolean closed;

    OrdersDatabase() {
        dataSource.setURL("jdbc:h2:mem:orders-" + INSTANCES.incrementAndGet());
        loader = new Thread(this::load, "orders-loader");
        loader.setDaemon(true);
    }

    /** Starts creating and filling the table in the background; queries answer once {@link #isLoaded()}. */
    void startLoading() {
        loader.start();
    }

    boolean isLoaded() {
        return loaded;
    }

    /** Progress or failure of the background load, for the 503 answer while it runs. */
    String loadStatus() {
        String failure = loadFailure;
        if (failure != null) return "loading the sample orders failed: " + failure;
        return "still loading the sample orders (" + rowsLoaded + " of " + ROWS + " rows); try again in a moment";
    }

    /** The three products that earned most from orders whose delivery note mentions {@code word}, any case. */
    List<ProductRevenue> topProductsWithNoteLike(String word) throws SQLException {
        String sql = "SELECT product, COUNT(*) AS orders, SUM(amount * quantity) AS revenue FROM orders"
                + " WHERE LOWER(delivery_note) LIKE ? GROUP BY product ORDER BY revenue DESC LIMIT 3";
        List<ProductRevenue> top = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, "%" + word.toLowerCase(Locale.ROOT) + "%");
            try (ResultSet rows = query.executeQuery()) { // slow: LIKE '%...%' can't use an index, so H2 reads every order
                while (rows.next()) {
                    top.add(new ProductRevenue(rows.getString(1), rows.getInt(2), rows.getBigDecimal(3)));
                }
            }
        }
        return top;
    }

    private void load() {
        try {
            keepOpen = dataSource.getConnection(); // an in-memory database lives while a connection to it is open
            fill(keepOpen);
            loaded = !closed;
        } catch (SQLException | RuntimeException e) {
            if (!closed) loadFailure = String.valueOf(e.getMessage());
        } finally {
            if (closed) shutdown();
        }
    }

    private void fill(Connection keepOpen) throws SQLException {
        try (Statement ddl = keepOpen.createStatement()) {
            ddl.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, product VARCHAR(40) NOT NULL,"
                    + " quantity INT NOT NULL, amount DECIMAL(10, 2) NOT NULL, delivery_note VARCHAR(200) NOT NULL)");
            try (PreparedStatement insert = keepOpen.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= ROWS; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "Customer-" + (id * 7_919L % 20_000));
                    insert.setString(3, "product-" + (id * 31L % 997));
                    insert.setInt(4, 1 + id % 5);
                    insert.setBigDecimal(5, BigDecimal.valueOf(500 + id * 13L % 20_000, 2));
                    insert.setString(6, NOTES.get(id % NOTES.size()) + (id * 17L % 1_000));
                    insert.addBatch();
                    if (id % BATCH == 0) {
                        if (closed) return;
                        insert.executeBatch();
                        rowsLoaded = id;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        shutdown();
    }

    private synchronized void shutdown() {
        Connection keepOpen = this.keepOpen;
        if (keepOpen == null) return;
        try (Statement s = keepOpen.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed
        }
        try {
            keepOpen.close();
        } catch (SQLException e) {
            // already closed
        }
        this.keepOpen = null;
    }
}
