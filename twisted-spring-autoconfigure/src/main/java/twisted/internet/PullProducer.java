package twisted.internet;

/**
 * Something that produces one chunk each time it is asked: a producer registered on a transport
 * with {@code streaming = false} gets {@link #resumeProducing()} each time the transport can take
 * more. Called on the reactor thread. Twisted: {@code IPullProducer}.
 *
 * @since 0.1.0
 */
public interface PullProducer {

    /** Write the next chunk to the consumer, or unregister when done. */
    void resumeProducing();

    /** Stop for good: the consumer is going away. */
    void stopProducing();
}
