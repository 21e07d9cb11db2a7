package twisted.internet.task;

/**
 * The {@link CooperativeTask} has finished (completed, stopped or failed), so it cannot be paused or
 * stopped any more. The subclasses say how it finished.
 *
 * <p>Twisted: {@code task.TaskFinished}.
 *
 * @since 0.1.0
 */
public class TaskFinishedException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public TaskFinishedException() {
        this("The task has already finished");
    }

    /**
     * Creates the exception.
     *
     * @param message what could not be done, and why
     */
    public TaskFinishedException(String message) {
        super(message);
    }
}
