package dev.hotline.ui;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a {@link UiRequest}: status, headers (in order) and the whole body.
 *
 * @since 0.2
 */
public final class UiResponse {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    UiResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        if (contentType != null) headers.put("Content-Type", contentType);
    }

    static UiResponse text(int status, String contentType, String body) {
        return new UiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    UiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** Header names as they are to be sent, in order. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public byte[] body() {
        return body;
    }

    /** The body as UTF-8 text (for tests and logs). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
