package twisted.application.internet;

import java.util.List;

import twisted.internet.Address;
import twisted.internet.ConnectionLimits;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;
import twisted.internet.Transport;

/**
 * The transport a service's protocol writes to: the connection's own transport, counting the
 * bytes written into the service's {@link ConnectionStats}. A TCP connection gets the
 * {@link TCPTransport} flavour, so a protocol's {@code instanceof TCPTransport} test answers as it
 * would without the service around it.
 */
class CountingTransport implements Transport {

    final Transport delegate;

    private final ConnectionStats stats;

    CountingTransport(Transport delegate, ConnectionStats stats) {
        this.delegate = delegate;
        this.stats = stats;
    }

    static Transport wrap(Transport transport, ConnectionStats stats) {
        return (transport instanceof TCPTransport tcp) ? new Tcp(tcp, stats) : new CountingTransport(transport, stats);
    }

    @Override
    public void write(byte[] data) {
        this.delegate.write(data);
        this.stats.sent(data.length);
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        this.delegate.writeSequence(data);
        long total = 0;
        for (byte[] chunk : data) {
            total += chunk.length;
        }
        this.stats.sent(total);
    }

    @Override
    public void registerProducer(Object producer, boolean streaming) {
        this.delegate.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        this.delegate.unregisterProducer();
    }

    @Override
    public void pauseProducing() {
        this.delegate.pauseProducing();
    }

    @Override
    public void resumeProducing() {
        this.delegate.resumeProducing();
    }

    @Override
    public void stopProducing() {
        this.delegate.stopProducing();
    }

    @Override
    public void loseConnection() {
        this.delegate.loseConnection();
    }

    @Override
    public void abortConnection() {
        this.delegate.abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return this.delegate.isDisconnecting();
    }

    @Override
    public boolean isWritable() {
        return this.delegate.isWritable();
    }

    @Override
    public Address getPeer() {
        return this.delegate.getPeer();
    }

    @Override
    public Address getHost() {
        return this.delegate.getHost();
    }

    @Override
    public String logPrefix() {
        return this.delegate.logPrefix();
    }

    @Override
    public String toString() {
        return this.delegate.toString();
    }

    /** The TCP flavour. */
    private static final class Tcp extends CountingTransport implements TCPTransport {

        private final TCPTransport tcp;

        Tcp(TCPTransport delegate, ConnectionStats stats) {
            super(delegate, stats);
            this.tcp = delegate;
        }

        @Override
        public void setTcpNoDelay(boolean enabled) {
            this.tcp.setTcpNoDelay(enabled);
        }

        @Override
        public boolean getTcpNoDelay() {
            return this.tcp.getTcpNoDelay();
        }

        @Override
        public void setTcpKeepAlive(boolean enabled) {
            this.tcp.setTcpKeepAlive(enabled);
        }

        @Override
        public boolean getTcpKeepAlive() {
            return this.tcp.getTcpKeepAlive();
        }

        @Override
        public ConnectionLimits getConnectionLimits() {
            return this.tcp.getConnectionLimits();
        }

        @Override
        public void setConnectionLimits(ConnectionLimits limits) {
            this.tcp.setConnectionLimits(limits);
        }

        @Override
        public void loseWriteConnection() {
            this.tcp.loseWriteConnection();
        }

        @Override
        public void startTLS(TlsOptions options) {
            this.tcp.startTLS(options);
        }

        @Override
        public boolean isSecure() {
            return this.tcp.isSecure();
        }
    }
}
