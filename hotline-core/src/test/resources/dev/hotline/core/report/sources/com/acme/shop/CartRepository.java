package com.acme.shop;

import javax.sql.DataSource;
import java.sql.SQLException;

public class CartRepository {
    private final DataSource db;

    public CartRepository(DataSource db) {
        this.db = db;
    }

    public Cart load(String id) {
        try (var con = db.getConnection();
             var st = con.prepareStatement("select item, price from cart_item where cart = ?")) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                return Cart.from(id, rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
