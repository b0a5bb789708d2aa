package slaclab.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny --name value / --flag parser that rejects unknown options with the list of known ones. An option given twice
 * keeps its last value for {@link #get}; {@link #getAll} has every one, in order.
 */
final class Options {
    private final Map<String, List<String>> values = new HashMap<>();

    Options(String[] args, Map<String, String> withValue, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                values.computeIfAbsent(a, k -> new ArrayList<>()).add("true");
            } else if (withValue.containsKey(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value: " + a + " " + withValue.get(a));
                }
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
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
        List<String> all = values.get(name);
        return all == null ? null : all.get(all.size() - 1);
    }

    /** Every value given for {@code name}, in order; empty when it was not given. */
    List<String> getAll(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    long getLong(String name, long dflt) {
        String v = get(name);
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
