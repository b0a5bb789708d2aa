package slaclab.ui;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.ByteBuffer;

/** 64x64 observations (HWC uint8 RGB, as the engine hands them over) as JavaFX images. */
final class FrameImages {
    private FrameImages() {
    }

    /** An image's pixels as HWC RGB bytes (what the engine takes). */
    static byte[] toBytes(Image image) {
        int w = (int) image.getWidth(), h = (int) image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getPixelReader().getArgb(x, y), i = 3 * (y * w + x);
                rgb[i] = (byte) (argb >> 16);
                rgb[i + 1] = (byte) (argb >> 8);
                rgb[i + 2] = (byte) argb;
            }
        }
        return rgb;
    }

    /** A square RGB frame (side inferred from the length) as an image. */
    static Image toImage(byte[] rgb) {
        int size = (int) Math.round(Math.sqrt(rgb.length / 3.0));
        if (size * size * 3 != rgb.length) {
            throw new IllegalArgumentException(rgb.length + " bytes are not a square RGB frame");
        }
        WritableImage image = new WritableImage(size, size);
        image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getByteRgbInstance(), ByteBuffer.wrap(rgb), size * 3);
        return image;
    }
}
