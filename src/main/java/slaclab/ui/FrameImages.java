package slaclab.ui;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.ByteBuffer;

/** 64x64 observations (HWC uint8 RGB, as the engine hands them over) as JavaFX images. */
final class FrameImages {
    private FrameImages() {
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
