package slaclab.models;

/** A loss became NaN or infinite: training cannot go on from these parameters. */
public class NonFiniteLossException extends RuntimeException {
    public NonFiniteLossException(String message) {
        super(message);
    }
}
