package dev.hotline.core.export;

import dev.hotline.core.internal.SafeText;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceFile;
import dev.hotline.core.report.SourceLocator;

import java.util.Locale;

/**
 * The {@code "html"} member of the HTML page's data blob: what the page needs beyond the profile document.
 * <ul>
 *   <li>{@code libraryNodes}, {@code libraryLines}, {@code libraryMethods}: one character per entry of the
 *       document's {@code nodes}, {@code lines} and {@code methods}, {@code 1} for library code as
 *       {@link ReportOptions#isLibrary} decides, else {@code 0};</li>
 *   <li>{@code code}: per entry of {@code lines}, the text of that source line, or {@code null} for library
 *       lines, lines without a number, sources not found, and beyond the first {@value #MAX_CODE_LINES}
 *       application lines.</li>
 * </ul>
 * Source locations (file system paths) are left out on purpose: the page is meant to be shared.
 */
final class HtmlData {
    static final int MAX_CODE_LINES = 500;
    static final int MAX_CODE = 400;

    private HtmlData() {}

    static void append(StringBuilder b, Profile p, ReportOptions profileOptions, SourceLocator sources) {
        ReportOptions options = profileOptions.forProfile(p);
        b.append("{\"generator\": \"hotline\"");
        StringBuilder flags = new StringBuilder(p.nodes().size());
        for (CallNode n : p.nodes()) flags.append(n.frame() != null && options.isLibrary(n.frame()) ? '1' : '0');
        b.append(",\n    \"libraryNodes\": \"").append(flags).append('"');
        flags.setLength(0);
        for (LineStats l : p.lines()) flags.append(options.isLibrary(l.frame()) ? '1' : '0');
        b.append(",\n    \"libraryLines\": \"").append(flags).append('"');
        flags.setLength(0);
        for (MethodStats m : p.methods()) flags.append(options.isLibrary(m.method()) ? '1' : '0');
        b.append(",\n    \"libraryMethods\": \"").append(flags).append('"');
        b.append(",\n    \"code\": [");
        int looked = 0;
        for (int i = 0; i < p.lines().size(); i++) {
            if (i > 0) b.append(", ");
            Frame f = p.lines().get(i).frame();
            String code = null;
            if (f.line() > 0 && looked < MAX_CODE_LINES && !options.isLibrary(f)) {
                looked++;
                SourceFile src = sources.find(f.className(), f.fileName());
                if (src != null) code = code(src.line(f.line()));
            }
            if (code == null) b.append("null");
            else quote(b, code);
        }
        b.append("]}");
    }

    /** A source line for the table: tabs expanded to 4-column stops, indentation dropped, cut to length. */
    static String code(String line) {
        if (line == null) return null;
        return SafeText.cut(SafeText.expandTabs(line).strip(), MAX_CODE);
    }

    /** Appends {@code s} as a JSON string; what JSON forbids raw, and lone surrogates, become escapes. */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                unicode(b, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                unicode(b, c);
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    private static void unicode(StringBuilder b, char c) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
}
