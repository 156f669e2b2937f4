package dev.hotline.spring.boot.internal;

import dev.hotline.core.HotlineConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not API. Writes {@code META-INF/spring-configuration-metadata.json} from {@link HotlineConfig#describe()}, so IDEs
 * complete every {@code hotline.*} key with its description, default and accepted values. Run by the build
 * ({@code process-classes}); the list of keys is Hotline's own, so it cannot drift from the code.
 */
public final class ConfigurationMetadata {
    private static final Pattern DESCRIBED = Pattern.compile("(?s)(.*) Default: (.*)\\. Accepted: (.*)\\.");
    /** {@code log, stdout, stderr or off}: an accepted value is one of these words. */
    private static final Pattern ONE_OF = Pattern.compile("([a-z][a-z-]*(?:, [a-z][a-z-]*)*) or ([a-z][a-z-]*)");
    /** {@code a comma list of lines, tree, methods}. */
    private static final Pattern LIST_OF = Pattern.compile("a comma list of ([a-z][a-z-]*(?:, [a-z][a-z-]*)+)");

    private ConfigurationMetadata() {}

    /** One key as the metadata describes it. */
    record Property(String key, String type, String description, String defaultValue, List<String> values) {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, json(), StandardCharsets.UTF_8);
    }

    static List<Property> properties() {
        List<Property> out = new ArrayList<>();
        for (Map.Entry<String, String> e : HotlineConfig.describe().entrySet()) {
            Matcher m = DESCRIBED.matcher(e.getValue());
            if (!m.matches()) {
                throw new IllegalStateException("HotlineConfig.describe() changed its form; cannot read: " + e.getValue());
            }
            String accepted = m.group(3);
            String def = m.group(2).equals("(none)") ? null : m.group(2);
            out.add(new Property(e.getKey(), type(accepted), m.group(1) + " Accepted: " + accepted + ".", def, values(accepted)));
        }
        return out;
    }

    private static String type(String accepted) {
        if (accepted.equals("true or false")) return "java.lang.Boolean";
        if (accepted.startsWith("a whole number")) return "java.lang.Integer";
        if (accepted.startsWith("a comma list")) return "java.util.List<java.lang.String>";
        return "java.lang.String";
    }

    private static List<String> values(String accepted) {
        Matcher list = LIST_OF.matcher(accepted);
        if (list.matches()) return List.of(list.group(1).split(", "));
        Matcher one = ONE_OF.matcher(accepted);
        if (one.matches() && !accepted.equals("true or false")) {
            List<String> v = new ArrayList<>(List.of(one.group(1).split(", ")));
            v.add(one.group(2));
            return v;
        }
        return List.of();
    }

    static String json() {
        StringBuilder props = new StringBuilder();
        StringBuilder hints = new StringBuilder();
        for (Property p : properties()) {
            if (props.length() > 0) props.append(",\n");
            props.append("    {\"name\": ").append(quote("hotline." + p.key()))
                    .append(", \"type\": ").append(quote(p.type()))
                    .append(", \"description\": ").append(quote(p.description()));
            if (p.defaultValue() != null) props.append(", \"defaultValue\": ").append(defaultValue(p));
            props.append('}');
            if (!p.values().isEmpty()) {
                if (hints.length() > 0) hints.append(",\n");
                hints.append("    {\"name\": ").append(quote("hotline." + p.key())).append(", \"values\": [");
                for (int i = 0; i < p.values().size(); i++) {
                    hints.append(i == 0 ? "" : ", ").append("{\"value\": ").append(quote(p.values().get(i))).append('}');
                }
                hints.append("]}");
            }
        }
        return "{\n  \"groups\": [\n    {\"name\": \"hotline\", \"description\": "
                + quote("Hotline: line-level, per-request profiling. Every key is also a HOTLINE_<KEY> environment variable.")
                + "}\n  ],\n  \"properties\": [\n" + props + "\n  ],\n  \"hints\": [\n" + hints + "\n  ]\n}\n";
    }

    private static String defaultValue(Property p) {
        switch (p.type()) {
            case "java.lang.Boolean":
            case "java.lang.Integer":
                return p.defaultValue();
            case "java.util.List<java.lang.String>": {
                StringBuilder b = new StringBuilder("[");
                String[] parts = p.defaultValue().split(",");
                for (int i = 0; i < parts.length; i++) b.append(i == 0 ? "" : ", ").append(quote(parts[i].trim()));
                return b.append(']').toString();
            }
            default:
                return quote(p.defaultValue());
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
