package twisted.internet.task;

/**
 * The {@link Cooperator} was stopped, before or while the task ran: {@link CooperativeTask#whenDone()}
 * fails with it for every task the Cooperator had, and for any task given to it afterwards.
 *
 * <p>Twisted: {@code task.SchedulerStopped}.
 *
 * @since 0.1.0
 */
public class SchedulerStoppedException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public SchedulerStoppedException() {
        this("The Cooperator was stopped");
    }

    /**
     * Creates the exception.
     *
     * @param message what could not be done, and why
     */
    public SchedulerStoppedException(String message) {
        super(message);
    }
}
