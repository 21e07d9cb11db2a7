package twisted.conch.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.core.CoreModuleProperties;
import org.jspecify.annotations.Nullable;

import twisted.internet.Address;
import twisted.internet.Reactor;

/**
 * Apache MINA SSHD's I/O on the Twisted reactor, for an {@code SshServer} or {@code SshClient}
 * ({@code setIoServiceFactoryFactory}): their connections are the reactor's, on its event loops,
 * with its endpoints, limits and statistics, and MINA decrypts and dispatches each packet on the
 * connection's reactor thread, where the protocols of its channels then run. A server's acceptor
 * opens no socket: its connections come from the service's listening port (see
 * {@link SSHFactory}); a client's connector connects through the reactor.
 *
 * <p>MINA's own timers (authentication and idle timeouts, key re-exchange) still run on its
 * scheduler; what they write reaches the connection's thread in order.
 *
 * @since 0.1.0
 */
public final class ReactorIoServiceFactoryFactory implements IoServiceFactoryFactory {

    private final Reactor reactor;

    /**
     * Creates the factory of factories.
     *
     * @param reactor the reactor whose event loops carry the connections
     */
    public ReactorIoServiceFactoryFactory(Reactor reactor) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new ReactorIoServiceFactory(this.reactor, manager);
    }

    /**
     * The reactor thread of an SSH session's connection, for coming back to it from MINA's other
     * threads (its timers, its futures' listeners), so that the protocols of the session's
     * channels are called where their connection lives.
     *
     * @param session a session of a server or client using this factory
     * @return the connection's thread, as an executor safe to use from any thread
     * @throws IllegalArgumentException if the session's connection is not the reactor's
     */
    public static Executor executor(Session session) {
        return ioSession(session).loop();
    }

    /**
     * The other end of an SSH session's connection.
     *
     * @param session a session of a server or client using this factory
     * @return the peer's address
     * @throws IllegalArgumentException if the session's connection is not the reactor's
     */
    public static Address peer(Session session) {
        return ioSession(session).transport().getPeer();
    }

    /**
     * This end of an SSH session's connection.
     *
     * @param session a session of a server or client using this factory
     * @return the local address
     * @throws IllegalArgumentException if the session's connection is not the reactor's
     */
    public static Address host(Session session) {
        return ioSession(session).transport().getHost();
    }

    private static ReactorIoSession ioSession(Session session) {
        if (session.getIoSession() instanceof ReactorIoSession io) {
            return io;
        }
        throw new IllegalArgumentException(session + " does not run on the reactor");
    }

    /** Ignored: the reactor's event loops do the I/O, so there is no executor to give. */
    @Override
    public void setExecutorServiceFactory(
            org.apache.sshd.common.@Nullable Factory<CloseableExecutorService> factory) {
    }

    /** One manager's acceptor or connector. */
    static final class ReactorIoServiceFactory extends AbstractCloseable implements IoServiceFactory {

        private final Reactor reactor;

        private final FactoryManager manager;

        private volatile @Nullable IoServiceEventListener listener;

        private volatile @Nullable HandoverAcceptor acceptor;

        ReactorIoServiceFactory(Reactor reactor, FactoryManager manager) {
            this.reactor = reactor;
            this.manager = manager;
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            Duration timeout = CoreModuleProperties.IO_CONNECT_TIMEOUT.getRequired(this.manager);
            return new ReactorConnector(this.reactor, handler, timeout);
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            HandoverAcceptor created = new HandoverAcceptor(this.reactor, handler);
            this.acceptor = created;
            return created;
        }

        /** The acceptor the server created on start, which takes the reactor's connections. */
        @Nullable HandoverAcceptor acceptor() {
            return this.acceptor;
        }

        @Override
        public @Nullable IoServiceEventListener getIoServiceEventListener() {
            return this.listener;
        }

        @Override
        public void setIoServiceEventListener(@Nullable IoServiceEventListener listener) {
            this.listener = listener;
        }
    }
}
