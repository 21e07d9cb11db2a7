package twisted.internet;

/**
 * The transport of a protocol that is not connected yet: every call fails with a message saying
 * so, rather than with a {@code NullPointerException}.
 */
final class NotConnectedTransport implements Transport {

    static final NotConnectedTransport INSTANCE = new NotConnectedTransport();

    private NotConnectedTransport() {
    }

    private static IllegalStateException notConnected() {
        return new IllegalStateException("the protocol is not connected: its transport is set by makeConnection");
    }

    @Override
    public void write(byte[] data) {
        throw notConnected();
    }

    @Override
    public void loseConnection() {
        throw notConnected();
    }

    @Override
    public void abortConnection() {
        throw notConnected();
    }

    @Override
    public boolean isDisconnecting() {
        return false;
    }

    @Override
    public Address getPeer() {
        throw notConnected();
    }

    @Override
    public Address getHost() {
        throw notConnected();
    }

    @Override
    public String logPrefix() {
        return "-";
    }

    @Override
    public void registerProducer(Object producer, boolean streaming) {
        throw notConnected();
    }

    @Override
    public void unregisterProducer() {
        throw notConnected();
    }

    @Override
    public void pauseProducing() {
        throw notConnected();
    }

    @Override
    public void resumeProducing() {
        throw notConnected();
    }

    @Override
    public void stopProducing() {
        throw notConnected();
    }
}
