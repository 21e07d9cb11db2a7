package twisted.internet.task;

/**
 * The {@link CooperativeTask} cannot do this because its iterator threw, or a Deferred it yielded
 * failed. The original failure is what {@link CooperativeTask#whenDone()} gives.
 *
 * <p>Twisted: {@code task.TaskFailed}.
 *
 * @since 0.1.0
 */
public class TaskFailedException extends TaskFinishedException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public TaskFailedException() {
        this("The task failed");
    }

    /**
     * Creates the exception.
     *
     * @param message what could not be done, and why
     */
    public TaskFailedException(String message) {
        super(message);
    }
}
