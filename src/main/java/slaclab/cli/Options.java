package slaclab.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A tiny --name value / --flag parser that rejects unknown options with the list of known ones. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, Map<String, String> withValue, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                values.put(a, "true");
            } else if (withValue.containsKey(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value: " + a + " " + withValue.get(a));
                }
                values.put(a, args[++i]);
            } else {
                Map<String, String> all = new LinkedHashMap<>(withValue);
                flags.forEach(f -> all.put(f, ""));
                throw new IllegalArgumentException("unknown option '" + a + "'; options: " + String.join(", ", all.keySet()));
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name) {
        return values.get(name);
    }

    long getLong(String name, long dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }
}
