package twisted.internet;

/**
 * When a system event trigger runs: all {@code BEFORE} triggers (whose Deferreds are waited for),
 * then all {@code DURING}, then all {@code AFTER}. Twisted: the {@code phase} strings of
 * {@code addSystemEventTrigger}.
 *
 * @since 0.1.0
 */
public enum TriggerPhase {

    /** First; a trigger may return a Deferred, and the event waits for it (bounded). */
    BEFORE,

    /** The event itself: on shutdown, ports close and the thread pool stops here. */
    DURING,

    /** Last. */
    AFTER
}
