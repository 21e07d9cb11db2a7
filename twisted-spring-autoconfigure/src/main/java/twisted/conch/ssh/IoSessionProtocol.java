package twisted.conch.ssh;

import java.io.IOException;
import java.util.function.Consumer;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.common.util.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.internet.PushProducer;
import twisted.internet.ReceivedBytes;
import twisted.internet.ShutdownNotice;
import twisted.internet.Reactor;

/**
 * The Twisted protocol of one SSH connection: what arrives goes to MINA SSHD's {@link IoHandler}
 * (its session, which decrypts and dispatches on this thread), what MINA writes goes out through
 * a {@link ReactorIoSession}. It is the transport's producer of outgoing bytes, so it learns when
 * the peer stops reading.
 */
final class IoSessionProtocol extends Protocol implements PushProducer, ShutdownNotice {

    /** What a client is told when the service stops. */
    static final String SHUTTING_DOWN = "server shutting down";

    private static final Logger log = LoggerFactory.getLogger(IoSessionProtocol.class);

    private final Reactor reactor;

    private final ReactorIoService service;

    private final Consumer<ReactorIoSession> prepare;

    private final Consumer<ReactorIoSession> created;

    private ReactorIoSession session;

    /**
     * Creates the protocol.
     *
     * @param prepare called with the new session before MINA sees it
     * @param created called once MINA has its session
     */
    IoSessionProtocol(Reactor reactor, ReactorIoService service, Consumer<ReactorIoSession> prepare,
            Consumer<ReactorIoSession> created) {
        this.reactor = reactor;
        this.service = service;
        this.prepare = prepare;
        this.created = created;
    }

    @Override
    public void connectionMade() {
        this.session = new ReactorIoSession(this.service.nextId(), this.service, this.transport,
                this.reactor.currentThreadExecutor());
        this.service.opened(this.session);
        this.transport.registerProducer(this, true);
        this.prepare.accept(this.session);
        try {
            this.service.handler().sessionCreated(this.session);
        }
        catch (Exception ex) {
            log.warn("SSH session {} could not start: {}", this.session.getId(), ex.toString());
            this.transport.abortConnection();
            return;
        }
        this.created.accept(this.session);
    }

    /** Hands MINA the bytes as lent: its decoder copies them into its own buffer. */
    @Override
    public void dataReceived(ReceivedBytes data) {
        ReactorIoSession s = this.session;
        if (s == null || s.isClosed()) {
            return;
        }
        try {
            this.service.handler().messageReceived(s, new LentBytes(data));
        }
        catch (Throwable ex) {
            exceptionCaught(s, ex);
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        dataReceived(ReceivedBytes.of(data));
    }

    private void exceptionCaught(ReactorIoSession s, Throwable ex) {
        try {
            this.service.handler().exceptionCaught(s, ex);
        }
        catch (Throwable again) {
            log.debug("SSH session {}: {}", s.getId(), again.toString());
            this.transport.abortConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        ReactorIoSession s = this.session;
        if (s == null) {
            return;
        }
        this.service.closed(s);
        s.lost();
        try {
            this.service.handler().sessionClosed(s);
        }
        catch (Exception ex) {
            log.debug("SSH session {} closed with {}", s.getId(), ex.toString());
        }
    }

    /**
     * The service is stopping: the peer gets SSH's own goodbye ({@code SSH_MSG_DISCONNECT},
     * "by application", {@value #SHUTTING_DOWN}) before the connection closes, as OpenSSH's
     * {@code sshd} says when it stops, rather than a connection that just ends.
     */
    @Override
    public void serviceStopping() {
        ReactorIoSession s = this.session;
        if (s != null) {
            sayGoodbye(s);
        }
    }

    /** Sends {@code SSH_MSG_DISCONNECT} with {@value #SHUTTING_DOWN}, if the session is still open. */
    static void sayGoodbye(ReactorIoSession io) {
        Object ssh = io.getAttribute(AbstractSession.SESSION);
        if (ssh instanceof Session session && session.isOpen()) {
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, SHUTTING_DOWN);
            }
            catch (IOException ex) {
                log.debug("SSH session {}: no disconnect message sent: {}", io.getId(), ex.toString());
            }
        }
    }

    @Override
    public void pauseProducing() {
        if (this.session != null) {
            this.session.paused();
        }
    }

    @Override
    public void resumeProducing() {
        if (this.session != null) {
            this.session.resumed();
        }
    }

    @Override
    public void stopProducing() {
    }

    /** The received bytes as MINA's {@link Readable}, without a copy of our own. */
    private static final class LentBytes implements Readable {

        private final ReceivedBytes data;

        private int position;

        LentBytes(ReceivedBytes data) {
            this.data = data;
        }

        @Override
        public int available() {
            return this.data.length() - this.position;
        }

        @Override
        public void getRawBytes(byte[] destination, int offset, int length) {
            this.data.copyTo(this.position, destination, offset, length);
            this.position += length;
        }
    }
}
