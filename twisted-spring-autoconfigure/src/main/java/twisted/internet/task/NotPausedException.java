package twisted.internet.task;

/**
 * {@link CooperativeTask#resume()} was called on a task that is not paused.
 *
 * <p>Twisted: {@code task.NotPaused}.
 *
 * @since 0.1.0
 */
public class NotPausedException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public NotPausedException() {
        this("The task is not paused");
    }

    /**
     * Creates the exception.
     *
     * @param message what could not be done, and why
     */
    public NotPausedException(String message) {
        super(message);
    }
}
