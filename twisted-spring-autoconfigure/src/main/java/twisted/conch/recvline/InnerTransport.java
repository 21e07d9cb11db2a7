package twisted.conch.recvline;

import twisted.conch.SSHSession;
import twisted.conch.SSHSessionTransport;
import twisted.internet.Address;
import twisted.internet.Transport;

/**
 * The transport a {@link LineDiscipline} gives the protocol it wraps: writes go through the
 * discipline (to be shown above the line being typed), closing goes through it (to send what it
 * holds first); everything else is the channel's. Over an SSH session it is an
 * {@link SSHSessionTransport} too, so that a shell may end with an exit status or signal.
 */
class InnerTransport implements Transport {

    private final LineDiscipline discipline;

    private final Transport channel;

    InnerTransport(LineDiscipline discipline, Transport channel) {
        this.discipline = discipline;
        this.channel = channel;
    }

    /** The wrapped protocol's transport over {@code channel}: an SSH session's when it is one. */
    static InnerTransport over(LineDiscipline discipline, Transport channel) {
        return (channel instanceof SSHSessionTransport session) ? new OverSession(discipline, session)
                : new InnerTransport(discipline, channel);
    }

    LineDiscipline discipline() {
        return this.discipline;
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

    /**
     * Over an SSH session: standard error is shown like standard output (a terminal shows both
     * alike, and the line being typed is redrawn around either), and the session ends with the
     * status or signal once what the discipline holds is sent.
     */
    private static final class OverSession extends InnerTransport implements SSHSessionTransport {

        private final SSHSessionTransport session;

        OverSession(LineDiscipline discipline, SSHSessionTransport session) {
            super(discipline, session);
            this.session = session;
        }

        @Override
        public SSHSession getSession() {
            return this.session.getSession();
        }

        @Override
        public void writeExtended(byte[] data) {
            write(data);
        }

        @Override
        public void exit(int status) {
            discipline().end(() -> this.session.exit(status));
        }

        @Override
        public void exitSignal(String signal, String message) {
            discipline().end(() -> this.session.exitSignal(signal, message));
        }
    }
}
