package twisted.conch.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.future.DefaultCloseFuture;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.jspecify.annotations.Nullable;

import twisted.internet.Address;
import twisted.internet.IPAddress;
import twisted.internet.TCPTransport;
import twisted.internet.Transport;

/**
 * One connection of ours as MINA SSHD's {@link IoSession}: its packets are written to a Twisted
 * {@link Transport} on the connection's reactor thread, in the order MINA encoded them, whichever
 * thread MINA writes from (its timers write too). A write's future completes once the transport
 * has taken the bytes while writable, or when it becomes writable again: MINA's channels wait for
 * it before their next write, so a peer that stops reading holds one write per channel here, not
 * an unbounded queue.
 */
final class ReactorIoSession extends AbstractCloseable implements IoSession {

    private final long id;

    private final IoService service;

    private final Transport transport;

    private final Executor loop;

    private final Thread loopThread;

    private final Map<Object, Object> attributes = new ConcurrentHashMap<>();

    /** Packets written off the loop thread, in encoding order, until the loop writes them. */
    private final Queue<byte[]> crossThread = new ArrayDeque<>();

    /** Writes the transport took while unwritable: their futures complete when it drains. */
    private final Queue<WriteFuture> waitingForDrain = new ArrayDeque<>();

    private final DefaultCloseFuture disconnected;

    private boolean writable = true;

    private boolean lost;

    ReactorIoSession(long id, IoService service, Transport transport, Executor loop) {
        super("ReactorIoSession[" + id + "]");
        this.id = id;
        this.service = service;
        this.transport = transport;
        this.loop = loop;
        this.loopThread = Thread.currentThread();
        this.disconnected = new DefaultCloseFuture(toString(), this.futureLock);
    }

    /** The connection's reactor thread, as an executor. */
    Executor loop() {
        return this.loop;
    }

    /** The reactor's connection under this session. */
    Transport transport() {
        return this.transport;
    }

    @Override
    public long getId() {
        return this.id;
    }

    @Override
    public IoService getService() {
        return this.service;
    }

    @Override
    public @Nullable SocketAddress getAcceptanceAddress() {
        return (this.service instanceof HandoverAcceptor) ? getLocalAddress() : null;
    }

    @Override
    public @Nullable SocketAddress getLocalAddress() {
        return socketAddress(this.transport.getHost());
    }

    @Override
    public @Nullable SocketAddress getRemoteAddress() {
        return socketAddress(this.transport.getPeer());
    }

    private static @Nullable SocketAddress socketAddress(Address address) {
        return (address instanceof IPAddress ip) ? new InetSocketAddress(ip.host(), ip.port()) : null;
    }

    @Override
    public @Nullable Object getAttribute(Object key) {
        return this.attributes.get(key);
    }

    @Override
    public @Nullable Object setAttribute(Object key, Object value) {
        return this.attributes.put(key, value);
    }

    @Override
    public @Nullable Object setAttributeIfAbsent(Object key, Object value) {
        return this.attributes.putIfAbsent(key, value);
    }

    @Override
    public @Nullable Object removeAttribute(Object key) {
        return this.attributes.remove(key);
    }

    /**
     * Copies the packet out (MINA may reuse the buffer) and writes it, on the loop thread now or
     * from another thread through the loop, behind the packets before it.
     */
    @Override
    public IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
        byte[] packet = new byte[buffer.available()];
        buffer.getRawBytes(packet);
        WriteFuture future = new WriteFuture(this.futureLock);
        if (isClosing() || isClosed()) {
            future.setValue(new IOException("the SSH connection " + this.id + " is closed"));
            return future;
        }
        if (Thread.currentThread() == this.loopThread) {
            writeQueued();
            write(packet, future);
        }
        else {
            synchronized (this.crossThread) {
                this.crossThread.add(packet);
            }
            this.loop.execute(() -> {
                writeQueued();
                future.setValue(Boolean.TRUE);
            });
        }
        return future;
    }

    private void writeQueued() {
        while (true) {
            byte[] packet;
            synchronized (this.crossThread) {
                packet = this.crossThread.poll();
            }
            if (packet == null) {
                return;
            }
            this.transport.write(packet);
        }
    }

    private void write(byte[] packet, WriteFuture future) {
        if (this.lost) {
            future.setValue(new IOException("the SSH connection " + this.id + " is lost"));
            return;
        }
        this.transport.write(packet);
        if (this.writable && this.transport.isWritable()) {
            future.setValue(Boolean.TRUE);
        }
        else {
            this.waitingForDrain.add(future);
        }
    }

    /** The transport is unwritable: hold the futures of later writes. Called on the loop thread. */
    void paused() {
        this.writable = false;
    }

    /** The transport drained: complete the futures it held. Called on the loop thread. */
    void resumed() {
        this.writable = true;
        WriteFuture future;
        while ((future = this.waitingForDrain.poll()) != null) {
            future.setValue(Boolean.TRUE);
        }
    }

    /** The connection is gone: fail what waits, and close. Called on the loop thread. */
    void lost() {
        this.lost = true;
        WriteFuture future;
        while ((future = this.waitingForDrain.poll()) != null) {
            future.setValue(new IOException("the SSH connection " + this.id + " is lost"));
        }
        this.disconnected.setClosed();
        close(true);
    }

    @Override
    public void shutdownOutputStream() {
        this.loop.execute(() -> {
            if (this.transport instanceof TCPTransport tcp) {
                tcp.loseWriteConnection();
            }
            else {
                this.transport.loseConnection();
            }
        });
    }

    @Override
    public void suspendRead() {
        this.loop.execute(this.transport::pauseProducing);
    }

    @Override
    public void resumeRead() {
        this.loop.execute(this.transport::resumeProducing);
    }

    /** A graceful close writes what is queued, then closes; it completes when the connection is gone. */
    @Override
    protected CloseFuture doCloseGracefully() {
        this.loop.execute(this.transport::loseConnection);
        return this.disconnected;
    }

    /**
     * MINA closes at once after a disconnect message, a protocol error or a timeout: the transport
     * still sends what it holds (the disconnect message with its reason, above all), within the
     * connection's close timeout, rather than resetting the connection.
     */
    @Override
    protected void doCloseImmediately() {
        if (!this.lost) {
            this.loop.execute(this.transport::loseConnection);
        }
        super.doCloseImmediately();
    }

    @Override
    public String toString() {
        return "ReactorIoSession[" + this.id + "]";
    }

    private static final class WriteFuture extends AbstractIoWriteFuture {

        WriteFuture(Object lock) {
            super("ReactorIoSession.write", lock);
        }
    }
}
