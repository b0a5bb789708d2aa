package slaclab.environments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import slaclab.environments.mujoco.MujocoLibrary;
import slaclab.environments.mujoco.MujocoTasks;
import slaclab.environments.mujoco.UserMjcfTask;

/**
 * The task registry: command-line name to spec and factory. To add a task, add one {@code register} line
 * in {@link #build()}. MuJoCo tasks are always listed but only available when the MuJoCo library loads
 * ({@link #unavailableReason}). Names of the form {@code mjcf:PATH[#BODY]} open a user's own MJCF file
 * ({@link UserMjcfTask}).
 */
public final class Tasks {
    private record Entry(TaskSpec spec, LongFunction<Environment> factory, Supplier<String> availability) {
    }

    private static final Supplier<String> ALWAYS = () -> null;

    private static final Map<String, Entry> REGISTRY = build();

    private Tasks() {
    }

    private static Map<String, Entry> build() {
        Map<String, Entry> map = new LinkedHashMap<>();
        register(map, PendulumSwingup.SPEC, PendulumSwingup::new);
        register(map, CartpoleSwingup.SPEC, CartpoleSwingup::new);
        for (MujocoTasks.Task t : MujocoTasks.all()) {
            register(map, t.spec(), t.factory(), MujocoLibrary::unavailableReason);
        }
        return Collections.unmodifiableMap(map);
    }

    private static void register(Map<String, Entry> map, TaskSpec spec, LongFunction<Environment> factory) {
        register(map, spec, factory, ALWAYS);
    }

    private static void register(Map<String, Entry> map, TaskSpec spec, LongFunction<Environment> factory,
                                 Supplier<String> availability) {
        if (map.put(spec.name(), new Entry(spec, factory, availability)) != null) {
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
        if (UserMjcfTask.isUserModel(name)) {
            return UserMjcfTask.spec(name);
        }
        return entry(name).spec();
    }

    /** Why the named task cannot run on this machine (with the command that fixes it), or null if it can. */
    public static String unavailableReason(String name) {
        if (UserMjcfTask.isUserModel(name)) {
            return MujocoLibrary.unavailableReason();
        }
        return entry(name).availability().get();
    }

    /**
     * A new, reset instance of the named task seeded with {@code seed}; IllegalArgumentException if the name is
     * unknown or the task is not available here (the message says why).
     */
    public static Environment create(String name, long seed) {
        if (UserMjcfTask.isUserModel(name)) {
            return UserMjcfTask.create(name, seed);
        }
        Entry e = entry(name);
        String why = e.availability().get();
        if (why != null) {
            throw new IllegalArgumentException("task '" + name + "' is not available here: " + why);
        }
        return e.factory().apply(seed);
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
