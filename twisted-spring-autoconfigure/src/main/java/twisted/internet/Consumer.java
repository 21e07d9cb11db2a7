package twisted.internet;

/**
 * Something data is written to, which can push back on a producer. Twisted: {@code IConsumer}.
 *
 * @since 0.1.0
 */
public interface Consumer {

    /**
     * Registers the producer that writes to this consumer: a {@link PushProducer} with
     * {@code streaming = true}, which is paused and resumed as the consumer's buffer fills and
     * drains; or a {@link PullProducer} with {@code streaming = false}, asked for each chunk.
     *
     * @param producer the producer
     * @param streaming {@code true} for a push producer, {@code false} for a pull producer
     * @throws IllegalStateException when a producer is already registered
     */
    void registerProducer(Object producer, boolean streaming);

    /** Forgets the registered producer; a no-op when there is none. */
    void unregisterProducer();

    /**
     * Writes bytes. The array is not copied when the call is made on the reactor thread: do not
     * change it afterwards.
     *
     * @param data the bytes
     */
    void write(byte[] data);
}
