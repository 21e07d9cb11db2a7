package twisted.conch.recvline;

import twisted.internet.Address;
import twisted.internet.Transport;

/**
 * The transport a {@link LineDiscipline} gives the protocol it wraps: writes go through the
 * discipline (to be shown above the line being typed), closing goes through it (to send what it
 * holds first); everything else is the channel's.
 */
final class InnerTransport implements Transport {

    private final LineDiscipline discipline;

    private final Transport channel;

    InnerTransport(LineDiscipline discipline, Transport channel) {
        this.discipline = discipline;
        this.channel = channel;
    }

    @Override
    public void write(byte[] data) {
        this.discipline.outputReceived(data);
    }

    @Override
    public void loseConnection() {
        this.discipline.close(false);
    }

    @Override
    public void abortConnection() {
        this.discipline.close(true);
    }

    @Override
    public boolean isDisconnecting() {
        return this.channel.isDisconnecting();
    }

    @Override
    public boolean isWritable() {
        return this.channel.isWritable();
    }

    @Override
    public Address getPeer() {
        return this.channel.getPeer();
    }

    @Override
    public Address getHost() {
        return this.channel.getHost();
    }

    @Override
    public String logPrefix() {
        return this.channel.logPrefix();
    }

    @Override
    public void registerProducer(Object producer, boolean streaming) {
        this.channel.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        this.channel.unregisterProducer();
    }

    @Override
    public void pauseProducing() {
        this.channel.pauseProducing();
    }

    @Override
    public void resumeProducing() {
        this.channel.resumeProducing();
    }

    @Override
    public void stopProducing() {
        this.channel.stopProducing();
    }

    @Override
    public String toString() {
        return this.channel.toString();
    }
}
