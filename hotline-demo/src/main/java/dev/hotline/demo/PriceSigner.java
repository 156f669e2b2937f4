package dev.hotline.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Signs a price so the client can check it was not tampered with: a short bit of real CPU work. */
final class PriceSigner {
    private static final int ROUNDS = 10_000;

    private PriceSigner() {}

    static String sign(String sku, int priceCents) {
        MessageDigest sha256 = sha256();
        byte[] digest = (sku + ':' + priceCents).getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < ROUNDS; round++) {
            digest = sha256.digest(digest); // key stretching: a few milliseconds of hashing
        }
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
