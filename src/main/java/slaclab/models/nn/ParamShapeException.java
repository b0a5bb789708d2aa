package slaclab.models.nn;

import java.io.IOException;
import java.util.Arrays;

/** A checkpoint's parameter array has the expected name but another shape than the network being loaded. */
public final class ParamShapeException extends IOException {
    private final String array;
    private final long[] saved;
    private final long[] expected;

    public ParamShapeException(String array, long[] saved, long[] expected) {
        super("checkpoint array " + array + Arrays.toString(saved) + " does not match " + array
                + Arrays.toString(expected));
        this.array = array;
        this.saved = saved.clone();
        this.expected = expected.clone();
    }

    public String array() {
        return array;
    }

    public long[] saved() {
        return saved.clone();
    }

    public long[] expected() {
        return expected.clone();
    }
}
