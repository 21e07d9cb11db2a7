package twisted.internet;

/**
 * The reactor's events that triggers can be attached to. Twisted: the {@code eventType} strings
 * of {@code addSystemEventTrigger}.
 *
 * @since 0.1.0
 */
public enum SystemEvent {

    /** The reactor starts running. */
    STARTUP,

    /** The reactor stops. */
    SHUTDOWN
}
