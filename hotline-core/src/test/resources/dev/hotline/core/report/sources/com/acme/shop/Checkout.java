package com.acme.shop;

import java.math.BigDecimal;
import java.time.Instant;

public class Checkout {
    private final CartRepository carts;
    private final PaymentGateway gateway;

    public Checkout(CartRepository carts, PaymentGateway gateway) {
        this.carts = carts;
        this.gateway = gateway;
    }

    /**
     * Charges the cart's total and returns the receipt.
     */
    public Receipt pay(String id) {
        var cart = carts.load(id);
        if (cart.isEmpty()) {
            throw new IllegalStateException("empty cart " + id);
        }
        gateway.charge(cart.total());
        cart.markPaid();
        return receipt(cart);
    }

    private Receipt receipt(Cart cart) {
        String text = String.format("%s paid %s at %s", cart.id(), cart.total(), Instant.now());
        return new Receipt(cart.id(), cart.total(), text);
    }
}
