package com.acme.shop;

import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;

import java.math.BigDecimal;

public class PaymentGateway {
    private final CloseableHttpClient http;
    private final String url;

    public PaymentGateway(CloseableHttpClient http, String url) {
        this.http = http;
        this.url = url;
    }

    public void charge(BigDecimal amount) {
        for (int attempt = 1; ; attempt++) {
            try (var response = http.execute(new HttpPost(url + "?amount=" + amount))) {
                if (response.getStatusLine().getStatusCode() < 500 || attempt == 3) {
                    return;
                }
            } catch (java.io.IOException e) {
                if (attempt == 3) throw new java.io.UncheckedIOException(e);
            }
            try {
                Thread.sleep(2L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
