package twisted.internet;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link Protocol} per connection and holds what the connections share (the book's chat
 * server keeps its map of users here). Shared state needs no locks: all of a reactor's
 * connections run on its one thread, unless more event loops were asked for explicitly.
 *
 * <pre>{@code
 * reactor.listenTCP(8000, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p>{@link #startFactory()} runs when the first port using this factory starts listening and
 * {@link #stopFactory()} when the last one stops, however many ports share it.
 *
 * <p>Twisted: {@code twisted.internet.protocol.Factory}.
 *
 * @since 0.1.0
 */
public class Factory {

    private static final Logger log = LoggerFactory.getLogger(Factory.class);

    private final @Nullable Supplier<? extends Protocol> protocol;

    private volatile @Nullable Class<?> protocolClass;

    private int numPorts;

    private boolean noisy = true;

    /** A factory whose subclass overrides {@link #buildProtocol}. */
    protected Factory() {
        this.protocol = null;
    }

    /**
     * A factory building protocols with {@code protocol}.
     *
     * @param protocol makes a new protocol for each connection
     */
    public Factory(Supplier<? extends Protocol> protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * A factory building protocols with {@code protocol}. Twisted: {@code Factory.forProtocol}.
     *
     * @param protocol makes a new protocol for each connection
     * @return the factory
     */
    public static Factory forProtocol(Supplier<? extends Protocol> protocol) {
        return new Factory(protocol);
    }

    /**
     * A factory building a new {@code protocol} for each connection with its public no-argument
     * constructor, named after it from the start ({@code Factory(Echo)} in log lines and the
     * Actuator). Twisted: {@code Factory.forProtocol(Echo)}.
     *
     * <pre>{@code
     * reactor.listenTCP(8000, Factory.forProtocol(Echo.class));
     * }</pre>
     *
     * @param protocol the protocol class
     * @return the factory
     * @throws IllegalArgumentException when the class has no public no-argument constructor
     */
    public static Factory forProtocol(Class<? extends Protocol> protocol) {
        Constructor<? extends Protocol> constructor;
        try {
            constructor = protocol.getConstructor();
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalArgumentException(protocol.getName() + " has no public no-argument constructor: "
                    + "use Factory.forProtocol(() -> new " + protocol.getSimpleName() + "(...)) instead", ex);
        }
        Factory factory = new Factory(() -> {
            try {
                return constructor.newInstance();
            }
            catch (InvocationTargetException ex) {
                if (ex.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException("cannot build " + protocol.getName(), ex.getCause());
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot build " + protocol.getName(), ex);
            }
        });
        factory.protocolClass = protocol;
        return factory;
    }

    /**
     * Builds the protocol for a new connection, or refuses the connection by returning
     * {@code null} (it is then closed at once). Called on the reactor thread.
     *
     * @param address the peer's address
     * @return the protocol, or {@code null} to refuse
     */
    public @Nullable Protocol buildProtocol(Address address) {
        if (this.protocol == null) {
            throw new IllegalStateException(getClass().getName() + " must override buildProtocol or be given a protocol");
        }
        Protocol p = this.protocol.get();
        if (this.protocolClass == null && p != null) {
            this.protocolClass = p.getClass();
        }
        p.setFactory(this);
        return p;
    }

    /** Called before the first port starts listening with this factory. Does nothing by default. */
    public void startFactory() {
    }

    /** Called after the last port using this factory stops. Does nothing by default. */
    public void stopFactory() {
    }

    /**
     * Counts a port starting with this factory; the first calls {@link #startFactory()}. Ports
     * call this; applications don't. Twisted: {@code doStart}.
     */
    public final void doStart() {
        if (this.numPorts++ == 0) {
            if (this.noisy) {
                log.info("Starting factory {}", this);
            }
            startFactory();
        }
    }

    /**
     * Counts a port stopping; the last calls {@link #stopFactory()}. Twisted: {@code doStop}.
     *
     * @throws IllegalStateException when more ports stop than started
     */
    public final void doStop() {
        if (this.numPorts == 0) {
            throw new IllegalStateException("doStop() called on " + this + " with no port started");
        }
        if (--this.numPorts == 0) {
            if (this.noisy) {
                log.info("Stopping factory {}", this);
            }
            stopFactory();
        }
    }

    /**
     * How many ports use this factory now.
     *
     * @return the count
     */
    public int getNumPorts() {
        return this.numPorts;
    }

    /**
     * Whether starting and stopping are logged at INFO. Twisted: {@code noisy}.
     *
     * @param noisy whether to log
     */
    public void setNoisy(boolean noisy) {
        this.noisy = noisy;
    }

    /**
     * A short label for log lines, the class name by default.
     *
     * @return the label
     */
    public String logPrefix() {
        return getClass().getSimpleName();
    }

    /**
     * Names the factory for log lines and the Actuator: its {@link #logPrefix()}, followed by the
     * class of the protocols its supplier builds once one was built ({@code Factory(Echo)}).
     *
     * @return the name
     */
    @Override
    public String toString() {
        Class<?> built = this.protocolClass;
        return (built != null) ? logPrefix() + "(" + simpleName(built) + ")" : logPrefix();
    }

    static String simpleName(Class<?> type) {
        String name = type.getSimpleName();
        return name.isEmpty() ? type.getName().substring(type.getName().lastIndexOf('.') + 1) : name;
    }
}
