package dev.hotline.core.format;

import java.io.IOException;
import java.io.StringReader;

/** Hotline's strict JSON parser, opened to tests of other packages that check JSON they write. */
public final class StrictJson {
    private StrictJson() {}

    /** Plain values: {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Long}, {@code Boolean}, {@code null}. */
    public static Object parse(String json) throws IOException {
        return JsonReader.parse(new StringReader(json));
    }
}
