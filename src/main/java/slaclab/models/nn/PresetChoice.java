package slaclab.models.nn;

import java.util.Locale;

/** An enum constant as a preset names it: its constant name in lower case (LEAKY_RELU is "leaky_relu"). */
public final class PresetChoice {
    private PresetChoice() {
    }

    /** The preset's name of {@code choice}. */
    private static String key(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} whose preset name is {@code key}; IllegalArgumentException "unknown {field} 'key';
     * choose {choices}" otherwise.
     */
    public static <E extends Enum<E>> E of(Class<E> type, String key, String field, String choices) {
        for (E e : type.getEnumConstants()) {
            if (key(e).equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + field + " '" + key + "'; choose " + choices);
    }
}
