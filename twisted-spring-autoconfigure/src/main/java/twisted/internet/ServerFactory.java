package twisted.internet;

import java.util.function.Supplier;

/**
 * A {@link Factory} meant for listening ports. It adds nothing to {@code Factory}; it exists so
 * code can say which side a factory serves, as in Twisted.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ServerFactory}.
 *
 * @since 0.1.0
 */
public class ServerFactory extends Factory {

    /** A factory whose subclass overrides {@link #buildProtocol}. */
    protected ServerFactory() {
    }

    /**
     * A factory building protocols with {@code protocol}.
     *
     * @param protocol makes a new protocol for each connection
     */
    public ServerFactory(Supplier<? extends Protocol> protocol) {
        super(protocol);
    }
}
