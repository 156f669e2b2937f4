package dev.hotline.ui;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request to the results page, as any front end (servlet filter, agent, {@code hotline serve}) hands it over.
 *
 * @param method        HTTP method
 * @param path          the raw (still percent-encoded) path below the page's base, without a leading slash:
 *                      {@code ""} for the page itself, {@code api/profiles/abc}
 * @param query         the raw query string, or {@code null}
 * @param headers       request headers, names in lower case (only the first value of each is needed)
 * @param remoteAddress the client's IP address as a literal ({@code 127.0.0.1}, {@code ::1})
 * @param secure        whether the request came over https
 * @param body          the form body of a {@code POST} ({@code application/x-www-form-urlencoded}), or {@code null}
 * @since 0.2
 */
public record UiRequest(String method, String path, String query, Map<String, String> headers, String remoteAddress,
                        boolean secure, String body) {

    public UiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    /** The header's value, or {@code null}; the name is matched case-insensitively. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
