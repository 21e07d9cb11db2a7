package twisted.internet.task;

/**
 * The {@link CooperativeTask} cannot do this because its iterator is exhausted.
 *
 * <p>Twisted: {@code task.TaskDone}.
 *
 * @since 0.1.0
 */
public class TaskDoneException extends TaskFinishedException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public TaskDoneException() {
        this("The task has already completed");
    }

    /**
     * Creates the exception.
     *
     * @param message what could not be done, and why
     */
    public TaskDoneException(String message) {
        super(message);
    }
}
