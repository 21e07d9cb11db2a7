package twisted.internet.task;

/**
 * The {@link CooperativeTask} was stopped with {@link CooperativeTask#stop()}. Its
 * {@link CooperativeTask#whenDone()} Deferreds fail with this exception, and later calls to
 * {@code pause()} or {@code stop()} throw it.
 *
 * <p>Twisted: {@code task.TaskStopped}.
 *
 * @since 0.1.0
 */
public class TaskStoppedException extends TaskFinishedException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public TaskStoppedException() {
        this("The task was stopped");
    }

    /**
     * Creates the exception.
     *
     * @param message what could not be done, and why
     */
    public TaskStoppedException(String message) {
        super(message);
    }
}
