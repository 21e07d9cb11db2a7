package twisted.conch.ssh;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.jspecify.annotations.Nullable;

/**
 * What the acceptor and the connector share: MINA's handler for their sessions, and the sessions
 * open now. Closing it closes them.
 */
abstract class ReactorIoService extends AbstractCloseable implements IoService {

    private static final AtomicLong IDS = new AtomicLong();

    private final IoHandler handler;

    private final Map<Long, IoSession> sessions = new ConcurrentHashMap<>();

    private volatile @Nullable IoServiceEventListener listener;

    ReactorIoService(IoHandler handler) {
        this.handler = handler;
    }

    IoHandler handler() {
        return this.handler;
    }

    long nextId() {
        return IDS.incrementAndGet();
    }

    void opened(IoSession session) {
        this.sessions.put(session.getId(), session);
    }

    void closed(IoSession session) {
        this.sessions.remove(session.getId());
    }

    @Override
    public Map<Long, IoSession> getManagedSessions() {
        return Map.copyOf(this.sessions);
    }

    @Override
    public @Nullable IoServiceEventListener getIoServiceEventListener() {
        return this.listener;
    }

    @Override
    public void setIoServiceEventListener(@Nullable IoServiceEventListener listener) {
        this.listener = listener;
    }

    @Override
    protected void doCloseImmediately() {
        for (IoSession session : this.sessions.values()) {
            session.close(true);
        }
        super.doCloseImmediately();
    }
}
