package twisted.internet;

/**
 * A snapshot of a reactor's state for monitoring (Actuator, metrics): its I/O transport, event
 * loops, thread pool and pending delayed calls. Taken from any thread; the numbers may be a moment
 * apart from each other.
 *
 * @param transport the I/O transport in use, such as {@code epoll} or {@code nio}; {@code memory}
 *        for a test reactor
 * @param threads how many event loop threads the reactor has
 * @param threadPoolSize the most threads {@code deferToThread} and {@code callInThread} use
 * @param threadPoolActive pool threads running work now
 * @param threadPoolQueued pool tasks waiting for a thread
 * @param delayedCalls delayed calls scheduled and not yet run or cancelled
 * @since 0.1.0
 */
public record ReactorStatistics(String transport, int threads, int threadPoolSize, int threadPoolActive,
        int threadPoolQueued, int delayedCalls) {
}
