package dev.hotline.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments, parsed against the options it accepts: {@code --name value}, {@code --name=value},
 * {@code -o value}, flags, repeatable options, and {@code --} to end options. Everything else is positional.
 */
final class Arguments {

    /** How an option takes its value. */
    enum Kind { FLAG, VALUE, REPEATED, OPTIONAL_VALUE }

    /** One option: its long name, its short alias or {@code null}, its kind, and for optional values the choices. */
    record Option(String name, String alias, Kind kind, Set<String> choices) {}

    /** The options a command accepts. */
    static final class Spec {
        private final Map<String, Option> byName = new LinkedHashMap<>();

        Spec flag(String name, String alias) {
            return add(new Option(name, alias, Kind.FLAG, Set.of()));
        }

        Spec flag(String name) {
            return flag(name, null);
        }

        Spec value(String name, String alias) {
            return add(new Option(name, alias, Kind.VALUE, Set.of()));
        }

        Spec value(String name) {
            return value(name, null);
        }

        Spec repeated(String name) {
            return add(new Option(name, null, Kind.REPEATED, Set.of()));
        }

        /** {@code --name}, {@code --name=CHOICE} or {@code --name CHOICE}; alone it means the first choice. */
        Spec optionalValue(String name, List<String> choices) {
            return add(new Option(name, null, Kind.OPTIONAL_VALUE, Set.copyOf(choices)));
        }

        private Spec add(Option o) {
            byName.put(o.name(), o);
            if (o.alias() != null) byName.put(o.alias(), o);
            return this;
        }

        Option find(String token) {
            return byName.get(token);
        }
    }

    private final String command;
    private final Map<String, List<String>> values;
    private final List<String> positional;

    private Arguments(String command, Map<String, List<String>> values, List<String> positional) {
        this.command = command;
        this.values = values;
        this.positional = positional;
    }

    /**
     * Parses {@code args} for {@code command}.
     *
     * @throws UserError for an unknown option, a missing value, or a flag given a value
     */
    static Arguments parse(String command, List<String> args, Spec spec) throws UserError {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || a.equals("-") || !a.startsWith("-")) {
                positional.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String token = eq < 0 ? a : a.substring(0, eq);
            String inline = eq < 0 ? null : a.substring(eq + 1);
            Option o = spec.find(token);
            if (o == null) {
                throw new UserError("unknown option " + Messages.quote(token) + " for " + command
                        + " (see hotline " + command + " --help)");
            }
            String value;
            switch (o.kind()) {
                case FLAG -> {
                    if (inline != null) throw new UserError(o.name() + " takes no value (got " + Messages.quote(a) + ")");
                    value = "";
                }
                case OPTIONAL_VALUE -> {
                    if (inline != null) {
                        value = inline;
                    } else if (i + 1 < args.size() && o.choices().contains(args.get(i + 1))) {
                        value = args.get(++i);
                    } else {
                        value = null; // the option alone
                    }
                }
                default -> {
                    if (inline != null) {
                        value = inline;
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UserError(o.name() + " needs a value (see hotline " + command + " --help)");
                    }
                }
            }
            List<String> list = values.computeIfAbsent(o.name(), k -> new ArrayList<>());
            if (o.kind() != Kind.REPEATED) list.clear(); // the last one given wins
            list.add(value);
        }
        return new Arguments(command, values, positional);
    }

    String command() {
        return command;
    }

    boolean has(String option) {
        return values.containsKey(option);
    }

    /** The option's value, or {@code null} when it was not given (or given alone, for an optional value). */
    String value(String option) {
        List<String> v = values.get(option);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** Every value of a repeated option, each split at commas, blanks dropped. */
    List<String> list(String option) {
        List<String> out = new ArrayList<>();
        for (String v : values.getOrDefault(option, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) out.add(part.strip());
            }
        }
        return out;
    }

    List<String> positional() {
        return positional;
    }

    /** A whole number option of at least {@code min}, or {@code fallback} when absent. */
    int intValue(String option, int fallback, int min) throws UserError {
        String v = value(option);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(option + ": expected a whole number of at least " + min + ", got " + Messages.quote(v));
    }
}
