package twisted.mail;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import twisted.defer.Deferred;

/**
 * What a {@link Mailbox} keeps the same way in every store: the list of messages fixed when the
 * session opened it, the deletions marked in memory, and a {@link #sync()} that hands the marked
 * messages to the store once. A store implements reading ({@link #getUidl}, {@link #getMessage})
 * and {@link #deleteMarked}.
 *
 * <p>For store implementations; the Maildir and PostgreSQL stores' mailboxes are built on it.
 * Reactor thread only, as POP3 calls a mailbox, except where a store says otherwise of its own
 * methods. An index outside the list throws {@link IndexOutOfBoundsException}.
 *
 * @param <E> the store's record of a listed message
 * @since 0.1.0
 */
public abstract class AbstractMailbox<E> implements Mailbox {

    private final List<E> entries;

    private final List<Long> sizes;

    private final BitSet deleted = new BitSet();

    private boolean synced;

    /**
     * Creates the session's view of a listing.
     *
     * @param entries the messages, in POP3's order; copied
     * @param size each message's size in bytes, as sent
     */
    protected AbstractMailbox(List<E> entries, Function<E, Long> size) {
        this.entries = List.copyOf(entries);
        this.sizes = this.entries.stream().map(size).toList();
    }

    @Override
    public final List<Long> listMessages() {
        return this.sizes;
    }

    @Override
    public final void deleteMessage(int index) {
        entry(index);
        this.deleted.set(index);
    }

    @Override
    public final boolean isDeleted(int index) {
        entry(index);
        return this.deleted.get(index);
    }

    @Override
    public final void undeleteMessages() {
        this.deleted.clear();
    }

    /**
     * Hands the messages marked deleted to {@link #deleteMarked}, once: calling it again does
     * nothing and fires at once.
     */
    @Override
    public final Deferred<Void> sync() {
        if (this.synced) {
            return Deferred.succeed(null);
        }
        this.synced = true;
        return deleteMarked(this.deleted.stream().mapToObj(this.entries::get).toList());
    }

    /**
     * A listed message.
     *
     * @param index from 0
     * @return its entry
     * @throws IndexOutOfBoundsException outside the list
     */
    protected final E entry(int index) {
        Objects.checkIndex(index, this.entries.size());
        return this.entries.get(index);
    }

    /**
     * Deletes the messages marked in this session and releases the mailbox for the next one;
     * called once, by the first {@link #sync()}.
     *
     * @param marked the messages marked deleted, in list order; may be empty
     * @return fires once the deletions are done
     */
    protected abstract Deferred<Void> deleteMarked(List<E> marked);
}
