package slaclab.engine.io;

import java.io.IOException;

/** A file that is cut short or damaged; the message names the file and what is wrong with it. */
public final class DamagedFileException extends IOException {
    public DamagedFileException(String message) {
        super(message);
    }
}
