package twisted.application.internet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.ConnectionLimits;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.ProtocolWrapper;
import twisted.internet.ShutdownNotice;
import twisted.internet.TCPTransport;
import twisted.internet.Transport;
import twisted.internet.error.ConnectionAbortedException;
import twisted.protocols.policies.IdleTimeout;
import twisted.time.ReactorTime;

/**
 * The factory a listening service really listens with: it applies the service's limits (its
 * {@link ConnectionLimits} on each connection's transport), counts its connections, aborts and
 * bytes in the service's {@link ConnectionStats}, logs connection events with the service's name
 * and the peer as key-values, and puts both in the MDC while the protocol's callbacks run
 * (Twisted's {@code logPrefix}).
 */
final class GuardedFactory extends Factory {

    private static final Logger log = LoggerFactory.getLogger(StreamServerEndpointService.class);

    static final String MDC_SERVICE = "twisted.service";

    static final String MDC_PEER = "twisted.peer";

    private final String serviceName;

    private final Factory wrapped;

    private final ServerLimits limits;

    private final ReactorTime clock;

    private final Set<Guarded> open = new LinkedHashSet<>();

    private final ConnectionStats stats;

    /** Fired once no connection is open: what {@link #loseAll()} returns. */
    private final List<Deferred<@Nullable Void>> whenAllLost = new ArrayList<>();

    private boolean refusing;

    /** Between {@link #drain()} and the next start: connections made now are told at once. */
    private boolean draining;

    GuardedFactory(String serviceName, Factory wrapped, ServerLimits limits, ReactorTime clock, ConnectionStats stats) {
        this.serviceName = serviceName;
        this.wrapped = wrapped;
        this.limits = limits;
        this.clock = clock;
        this.stats = stats;
        setNoisy(false);
    }

    @Override
    public void startFactory() {
        this.draining = false;
        this.wrapped.doStart();
    }

    @Override
    public void stopFactory() {
        this.wrapped.doStop();
    }

    @Override
    public @Nullable Protocol buildProtocol(Address address) {
        if (this.open.size() >= this.limits.maxConnections()) {
            if (!this.refusing) {
                this.refusing = true;
                log.atWarn().setMessage("connection refused: {} connections are open, the most allowed")
                        .addArgument(this.limits.maxConnections()).addKeyValue("service", this.serviceName)
                        .addKeyValue("peer", address).log();
            }
            this.stats.refused();
            return null;
        }
        this.refusing = false;
        Protocol inner = this.wrapped.buildProtocol(address);
        if (inner == null) {
            this.stats.refused();
            return null;
        }
        return new Guarded(inner, address);
    }

    /**
     * Tells every open connection, and any made from now until the next start, that the service
     * drains ({@link ShutdownNotice#drainStarted()}); used when a service with a drain time stops.
     */
    void drain() {
        this.draining = true;
        for (Guarded connection : List.copyOf(this.open)) {
            connection.draining();
        }
    }

    /**
     * Closes every open connection cleanly; used when the service stops.
     *
     * @return a Deferred that fires once every connection has closed: each within its close
     *         timeout, after which its transport aborts it
     */
    Deferred<@Nullable Void> loseAll() {
        for (Guarded connection : List.copyOf(this.open)) {
            connection.stopping();
        }
        return whenAllLost();
    }

    /**
     * Waits for the open connections to close, without closing them.
     *
     * @return a Deferred that fires once no connection is open (at once when none is)
     */
    Deferred<@Nullable Void> whenAllLost() {
        if (this.open.isEmpty()) {
            return Deferred.succeed(null);
        }
        Deferred<@Nullable Void> lost = new Deferred<>();
        this.whenAllLost.add(lost);
        return lost;
    }

    /**
     * How many connections are open.
     *
     * @return the count
     */
    int openCount() {
        return this.open.size();
    }

    private void lost(Guarded connection) {
        this.open.remove(connection);
        this.stats.closed();
        if (this.open.isEmpty() && !this.whenAllLost.isEmpty()) {
            List<Deferred<@Nullable Void>> waiting = List.copyOf(this.whenAllLost);
            this.whenAllLost.clear();
            waiting.forEach(lost -> lost.callback(null));
        }
    }

    @Override
    public String logPrefix() {
        return this.serviceName;
    }

    /** One connection of the service. */
    private final class Guarded extends ProtocolWrapper {

        private final Address peer;

        /** The peer as the MDC shows it, formatted once: per chunk it cost more than the MDC itself (issue 9). */
        private final String peerText;

        private @Nullable IdleTimeout idle;

        Guarded(Protocol inner, Address peer) {
            super(inner);
            this.peer = peer;
            this.peerText = String.valueOf(peer);
        }

        @Override
        public void makeConnection(Transport transport) {
            GuardedFactory.this.open.add(this);
            GuardedFactory.this.stats.opened();
            ConnectionLimits connectionLimits = GuardedFactory.this.limits.connectionLimits();
            if (connectionLimits != null && transport instanceof TCPTransport tcp) {
                tcp.setConnectionLimits(connectionLimits);
            }
            Duration timeout = GuardedFactory.this.limits.idleTimeout();
            if (timeout != null) {
                this.idle = new IdleTimeout(GuardedFactory.this.clock, this::timedOut);
                this.idle.setTimeout(timeout);
            }
            log.atDebug().setMessage("connection made").addKeyValue("service", GuardedFactory.this.serviceName)
                    .addKeyValue("peer", this.peer).log();
            withContext(() -> super.makeConnection(transport));
            if (GuardedFactory.this.draining) {
                draining();
            }
        }

        @Override
        protected Transport wrapTransport(Transport transport) {
            return CountingTransport.wrap(transport, GuardedFactory.this.stats);
        }

        @Override
        public void dataReceived(byte[] data) {
            GuardedFactory.this.stats.received(data.length);
            if (this.idle != null) {
                this.idle.resetTimeout();
            }
            // The hot path: no lambda, the MDC values ready-made.
            enterContext();
            try {
                super.dataReceived(data);
            }
            finally {
                exitContext();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (reason.value() instanceof ConnectionAbortedException aborted) {
                GuardedFactory.this.stats.aborted(aborted.getReason());
            }
            GuardedFactory.this.lost(this);
            if (this.idle != null) {
                this.idle.cancel();
            }
            log.atDebug().setMessage("connection lost").addKeyValue("service", GuardedFactory.this.serviceName)
                    .addKeyValue("peer", this.peer).addKeyValue("reason", reason.getErrorMessage()).log();
            withContext(() -> super.connectionLost(reason));
        }

        /** The service drains: let a protocol that has something to say say it; it stays open. */
        void draining() {
            if (this.wrappedProtocol instanceof ShutdownNotice notice) {
                tell(notice::drainStarted, "announce the drain");
            }
        }

        /** The service is stopping: let a protocol that has something to say say it, then close. */
        void stopping() {
            if (this.wrappedProtocol instanceof ShutdownNotice notice) {
                tell(notice::serviceStopping, "say goodbye");
            }
            this.transport.loseConnection();
        }

        private void tell(Runnable notice, String what) {
            if (this.transport.isDisconnecting()) {
                return;
            }
            try {
                withContext(notice);
            }
            catch (RuntimeException ex) {
                log.atWarn().setMessage("{} failed to {}").addArgument(this.wrappedProtocol).addArgument(what)
                        .setCause(ex).addKeyValue("service", GuardedFactory.this.serviceName).log();
            }
        }

        private void timedOut() {
            log.atInfo().setMessage("closing an idle connection").addKeyValue("service", GuardedFactory.this.serviceName)
                    .addKeyValue("peer", this.peer).log();
            this.transport.loseConnection();
        }

        private void withContext(Runnable callback) {
            enterContext();
            try {
                callback.run();
            }
            finally {
                exitContext();
            }
        }

        private void enterContext() {
            MDC.put(MDC_SERVICE, GuardedFactory.this.serviceName);
            MDC.put(MDC_PEER, this.peerText);
        }

        private void exitContext() {
            MDC.remove(MDC_SERVICE);
            MDC.remove(MDC_PEER);
        }
    }

    @Override
    public String toString() {
        return this.serviceName + "(" + this.wrapped + ")";
    }
}
