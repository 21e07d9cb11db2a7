package twisted.internet.task;

/**
 * Something was asked of a {@link Cooperator} or a {@link CooperativeTask} that its state does not
 * allow. It is an {@link IllegalStateException}; the subclasses say which state.
 *
 * <p>Twisted: {@code task.SchedulerError}.
 *
 * @since 0.1.0
 */
public class SchedulerException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public SchedulerException() {
        this("The scheduler or one of its tasks is in a state that does not allow this");
    }

    /**
     * Creates the exception.
     *
     * @param message what could not be done, and why
     */
    public SchedulerException(String message) {
        super(message);
    }
}
