package twisted.internet.netty;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The open connections of one reactor, so that shutdown can close them all: a doubly linked list
 * threaded through the transports themselves, oldest first. Tracking a connection costs its
 * transport two fields (8 bytes) where a hash set entry cost about 47 bytes, a twentieth of what
 * an idle connection holds in all (issue 3's idle-memory benchmark).
 *
 * <p>Thread-safe: with several event loops, connections open and close on different threads.
 * Removing a transport that was never added, or twice, does nothing.
 */
final class OpenConnections {

    private @Nullable NettyTransport first;

    private @Nullable NettyTransport last;

    /** What to run once the last connection has gone (the reactor's shutdown waits on it). */
    private final List<Runnable> whenEmpty = new ArrayList<>();

    synchronized void add(NettyTransport transport) {
        transport.previousOpen = this.last;
        transport.nextOpen = null;
        if (this.last == null) {
            this.first = transport;
        }
        else {
            this.last.nextOpen = transport;
        }
        this.last = transport;
    }

    void remove(NettyTransport transport) {
        List<Runnable> emptied;
        synchronized (this) {
            if (!unlink(transport) || this.first != null || this.whenEmpty.isEmpty()) {
                return;
            }
            emptied = new ArrayList<>(this.whenEmpty);
            this.whenEmpty.clear();
        }
        emptied.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} once no connection is open: at once, on this thread, when none is;
     * otherwise on the thread that removes the last one.
     */
    void whenEmpty(Runnable action) {
        synchronized (this) {
            if (this.first != null) {
                this.whenEmpty.add(action);
                return;
            }
        }
        action.run();
    }

    private boolean unlink(NettyTransport transport) {
        NettyTransport previous = transport.previousOpen;
        NettyTransport next = transport.nextOpen;
        if (previous == null && this.first != transport) {
            return false;
        }
        if (previous == null) {
            this.first = next;
        }
        else {
            previous.nextOpen = next;
        }
        if (next == null) {
            this.last = previous;
        }
        else {
            next.previousOpen = previous;
        }
        transport.previousOpen = null;
        transport.nextOpen = null;
        return true;
    }

    /** A copy, oldest first, to walk without holding the lock. */
    synchronized List<NettyTransport> snapshot() {
        List<NettyTransport> open = new ArrayList<>();
        for (NettyTransport transport = this.first; transport != null; transport = transport.nextOpen) {
            open.add(transport);
        }
        return open;
    }
}
