package twisted.internet;

/**
 * Something that produces data on its own until told to pause: the side of backpressure that
 * gets paused. A transport is one (pausing it stops reading from the socket); a producer
 * registered on a transport with {@code streaming = true} is paused when the transport's
 * outgoing buffer is full and resumed when it has drained.
 *
 * <p>All three methods are called on the reactor thread. Twisted: {@code IPushProducer}.
 *
 * @since 0.1.0
 */
public interface PushProducer {

    /** Stop producing until {@link #resumeProducing()}. */
    void pauseProducing();

    /** Produce again after {@link #pauseProducing()}. */
    void resumeProducing();

    /** Stop for good: the consumer is going away. */
    void stopProducing();
}
