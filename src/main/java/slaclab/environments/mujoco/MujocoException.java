package slaclab.environments.mujoco;

/** A MuJoCo failure: a model that does not load (MuJoCo's own message), an engine error, or a missing library. */
public class MujocoException extends RuntimeException {
    public MujocoException(String message) {
        super(message);
    }

    public MujocoException(String message, Throwable cause) {
        super(message, cause);
    }
}
