package com.acme.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

public class CheckoutServlet extends HttpServlet {
    private final ObjectMapper json = new ObjectMapper();
    private final Checkout checkout;

    public CheckoutServlet(Checkout checkout) {
        this.checkout = checkout;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getParameter("cart");
        if (id == null || id.isBlank()) {
            resp.sendError(400, "cart missing");
            return;
        }
        for (char c : id.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                resp.sendError(400, "bad cart id");
                return;
            }
        }
        Receipt receipt = checkout.pay(id);
        resp.setContentType("application/json");
        resp.getWriter().write(json.writeValueAsString(receipt));
    }
}
