package slaclab.replay;

/** Conversions between stored frames (HWC uint8) and network inputs (CHW float in [0, 1]). */
public final class Frames {
    private static final float[] TO_FLOAT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            TO_FLOAT[i] = i / 255f;
        }
    }

    private Frames() {
    }

    /** Writes the 3 x size x size CHW floats of an HWC uint8 frame into {@code dst} at {@code offset}. */
    public static void toChw(byte[] hwc, int size, float[] dst, int offset) {
        int plane = size * size;
        for (int p = 0, i = 0; p < plane; p++, i += 3) {
            dst[offset + p] = TO_FLOAT[hwc[i] & 0xFF];
            dst[offset + plane + p] = TO_FLOAT[hwc[i + 1] & 0xFF];
            dst[offset + 2 * plane + p] = TO_FLOAT[hwc[i + 2] & 0xFF];
        }
    }
}
