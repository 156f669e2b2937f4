package dev.hotline.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's argument string, {@code key=value,key=value}. A list value continues over commas: a part without
 * {@code =} belongs to the key before it, so {@code packages=com.acme.shop,com.acme.lib,profile-dir=/tmp/p}
 * is two keys.
 */
final class AgentArguments {
    private AgentArguments() {}

    /** @throws IllegalArgumentException for a value with no key before it, or an empty key */
    static Map<String, String> parse(String args) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null || args.isBlank()) return out;
        String key = null;
        for (String part : args.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                if (key == null) {
                    throw new IllegalArgumentException("agent argument '" + part.trim() + "' has no key; write key=value,key=value");
                }
                if (!part.isBlank()) out.put(key, out.get(key) + "," + part.trim());
                continue;
            }
            key = part.substring(0, eq).trim();
            if (key.isEmpty()) throw new IllegalArgumentException("agent argument '" + part.trim() + "' has no key; write key=value");
            if (out.containsKey(key)) throw new IllegalArgumentException("agent argument '" + key + "' is given twice");
            out.put(key, part.substring(eq + 1).trim());
        }
        return out;
    }
}
