package twisted.defer;

import java.util.ArrayDeque;

import org.jspecify.annotations.Nullable;

/**
 * A queue whose {@link #get()} gives a Deferred: it fires at once when an item is there, else with
 * the next item {@link #put} in. Both ends may be bounded. Use it from the reactor thread only.
 *
 * <p>Twisted: {@code defer.DeferredQueue}.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public class DeferredQueue<T> {

    private final Waiters<T> waiters = new Waiters<>();

    private final ArrayDeque<@Nullable T> pending = new ArrayDeque<>();

    private final int size;

    private final int backlog;

    /** An unbounded queue. */
    public DeferredQueue() {
        this(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A bounded queue.
     *
     * @param size how many items may wait for a getter
     * @param backlog how many getters may wait for an item
     */
    public DeferredQueue(int size, int backlog) {
        if (size < 0 || backlog < 0) {
            throw new IllegalArgumentException("size (" + size + ") and backlog (" + backlog + ") must be >= 0");
        }
        this.size = size;
        this.backlog = backlog;
    }

    /**
     * Hands {@code item} to the first waiting getter, or keeps it.
     *
     * @param item the item
     * @throws QueueOverflowException when no getter waits and {@code size} items are already kept
     */
    public void put(@Nullable T item) {
        Deferred<T> getter = this.waiters.poll();
        if (getter != null) {
            getter.callback(item);
        }
        else if (this.pending.size() < this.size) {
            this.pending.add(item);
        }
        else {
            throw new QueueOverflowException("queue is full (" + this.size + " items)");
        }
    }

    /**
     * A Deferred of the next item. Cancelling it before it fires leaves the line of getters.
     *
     * @return a Deferred of the next item
     * @throws QueueUnderflowException when no item is kept and {@code backlog} getters already wait
     */
    public Deferred<T> get() {
        if (!this.pending.isEmpty()) {
            return Deferred.succeed(this.pending.poll());
        }
        if (this.waiters.size() < this.backlog) {
            return this.waiters.enqueue();
        }
        throw new QueueUnderflowException("too many getters waiting (" + this.backlog + ")");
    }

    /**
     * How many items are kept, waiting for getters.
     *
     * @return the number of items
     */
    public int pendingCount() {
        return this.pending.size();
    }

    /**
     * How many getters wait for items.
     *
     * @return the number of getters
     */
    public int waitingCount() {
        return this.waiters.size();
    }
}
