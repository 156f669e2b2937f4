package dev.hotline.core.export;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceLocator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes one self-contained HTML page per profile: request summary and notes, an interactive flame graph, a
 * collapsible call tree with library frames folded, a hot lines table with the source code of each line, and
 * a sortable function table. The page loads nothing from anywhere (no fonts, scripts or images from the
 * network) and forbids it with a Content-Security-Policy, so it can be mailed or attached to a ticket.
 *
 * <p>The page is the template resource {@code profile.html} with one placeholder replaced by a JSON data
 * blob in a {@code <script type="application/json">} element. Every string from the profile reaches the
 * page only through that blob, never as markup: the blob is the profile's Hotline JSON document
 * ({@link ProfileJson}), so a reader can take it back out of the page, plus one member {@code "html"} that
 * JSON readers ignore (which frames are library code, the source text of the hot lines). Every {@code <},
 * {@code >} and {@code &} in the blob is written as a {@code \u003c}-style escape, so no string can close
 * the element or start markup; the page's script renders strings with {@code textContent} only.
 *
 * <p>Source code comes from a {@link SourceLocator}: by default the one
 * {@link SourceLocator#forOptions(ReportOptions)} gives at the time of writing. Thread-safe.
 *
 * @since 0.1
 */
public final class HtmlWriter implements ProfileWriter {
    static final String TEMPLATE = "profile.html";
    static final String PLACEHOLDER = "@@PROFILE_DATA@@";

    private final ReportOptions options;
    private final SourceLocator sources;

    /** A writer with the default report options (library packages, no extra source roots). */
    public HtmlWriter() {
        this(ReportOptions.defaults());
    }

    /**
     * A writer splitting application from library frames as {@code options} say, and looking for sources in
     * the options' source paths and next to the classes of the thread that writes.
     */
    public HtmlWriter(ReportOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.sources = null;
    }

    /** A writer reading sources through {@code sources}, which may be shared for its cache. */
    public HtmlWriter(ReportOptions options, SourceLocator sources) {
        this.options = Objects.requireNonNull(options, "options");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    @Override
    public String name() {
        return "html";
    }

    @Override
    public List<String> extensions() {
        return List.of("html", "htm");
    }

    @Override
    public String description() {
        return "self-contained HTML page: flame graph, call tree, hot lines with source, functions";
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        String template = template();
        int at = template.indexOf(PLACEHOLDER);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(template, 0, at);
        w.write(dataBlob(profile));
        w.write(template, at + PLACEHOLDER.length(), template.length() - at - PLACEHOLDER.length());
        w.flush();
    }

    /** The JSON placed in the page: the profile document plus the {@code "html"} member, script-safe. */
    String dataBlob(Profile profile) {
        SourceLocator locator = sources != null ? sources : SourceLocator.forOptions(options);
        String document = ProfileJson.toJson(profile);
        int end = document.lastIndexOf('}');
        StringBuilder b = new StringBuilder(document.length() + 4096);
        b.append(document, 0, end);
        b.setLength(trimEnd(b));
        b.append(",\n  \"html\": ");
        HtmlData.append(b, profile, options, locator);
        b.append("\n}");
        return scriptSafe(b);
    }

    private static int trimEnd(StringBuilder b) {
        int n = b.length();
        while (n > 0 && Character.isWhitespace(b.charAt(n - 1))) n--;
        return n;
    }

    /**
     * Escapes {@code <}, {@code >} and {@code &} everywhere in a JSON text. In JSON they can only occur inside
     * strings, where the {@code \\uXXXX} form means the same character.
     */
    static String scriptSafe(CharSequence json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The page template with {@code \r\n} made {@code \n}, so the script hashes in its policy hold. */
    static String template() {
        return Template.TEXT;
    }

    private static final class Template {
        static final String TEXT = load();

        private static String load() {
            try (InputStream in = HtmlWriter.class.getResourceAsStream(TEMPLATE)) {
                if (in == null) throw new IllegalStateException("missing resource " + TEMPLATE);
                String t = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
                int at = t.indexOf(PLACEHOLDER);
                if (at < 0 || t.indexOf(PLACEHOLDER, at + 1) >= 0) {
                    throw new IllegalStateException(TEMPLATE + " must hold " + PLACEHOLDER + " exactly once");
                }
                return t;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return "HtmlWriter[" + options + ']';
    }
}
