package slaclab.environments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The task registry: command-line name to spec and factory. To add a task, add one {@code register} line
 * in {@link #build()}.
 */
public final class Tasks {
    private record Entry(TaskSpec spec, LongFunction<Environment> factory) {
    }

    private static final Map<String, Entry> REGISTRY = build();

    private Tasks() {
    }

    private static Map<String, Entry> build() {
        Map<String, Entry> map = new LinkedHashMap<>();
        register(map, PendulumSwingup.SPEC, PendulumSwingup::new);
        register(map, CartpoleSwingup.SPEC, CartpoleSwingup::new);
        return Collections.unmodifiableMap(map);
    }

    private static void register(Map<String, Entry> map, TaskSpec spec, LongFunction<Environment> factory) {
        if (map.put(spec.name(), new Entry(spec, factory)) != null) {
            throw new IllegalStateException("task registered twice: " + spec.name());
        }
    }

    /** Specs of every known task, in registration order. */
    public static List<TaskSpec> all() {
        List<TaskSpec> specs = new ArrayList<>();
        for (Entry e : REGISTRY.values()) {
            specs.add(e.spec());
        }
        return Collections.unmodifiableList(specs);
    }

    /** Names of every known task, in registration order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** The spec of a task; throws IllegalArgumentException listing the known names if unknown. */
    public static TaskSpec spec(String name) {
        return entry(name).spec();
    }

    /** A new, reset instance of the named task seeded with {@code seed}. */
    public static Environment create(String name, long seed) {
        return entry(name).factory().apply(seed);
    }

    private static Entry entry(String name) {
        Entry e = name == null ? null : REGISTRY.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: "
                    + String.join(", ", REGISTRY.keySet()));
        }
        return e;
    }
}
