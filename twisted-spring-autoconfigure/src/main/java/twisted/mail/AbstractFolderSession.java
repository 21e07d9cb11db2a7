package twisted.mail;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;

/**
 * What a {@link FolderSession} keeps the same way in every store: its name and mode, the folder as
 * it was at selection (UID validity, next UID, messages), the {@code \Recent} flags this session
 * holds, and the listener it tells of changes made elsewhere. A read-only session's
 * {@link #store}, {@link #expunge} and {@link #move} are refused here, so a store implements only
 * what reads or changes its messages: {@link #content}, {@link #copy}, {@link #keywords},
 * {@link #storeFlags}, {@link #remove} and {@link #detach}.
 *
 * <p>The store's state of the selected folder drives the session through the methods outside the
 * {@link FolderSession} contract ({@link #opened}, {@link #takeRecent}, {@link #forget},
 * {@link #notifyListener}); the protocols never call them. For store implementations; the Maildir
 * and PostgreSQL stores' sessions are built on it. Reactor thread only.
 *
 * @param <M> the store's record of a stored message, which {@link #info} describes
 * @since 0.1.0
 */
public abstract class AbstractFolderSession<M> implements FolderSession {

    /** Named for the store's own class, as the store's other messages are. */
    private final Logger log = LoggerFactory.getLogger(getClass());

    private final String name;

    private final boolean readOnly;

    private final FolderListener listener;

    private final Set<Long> recent = new TreeSet<>();

    private long uidValidity;

    private long uidNext;

    private List<MessageInfo> messages = List.of();

    private boolean closed;

    /**
     * Creates a session that shows no messages until {@link #opened}.
     *
     * @param name the folder's canonical name
     * @param readOnly whether the session may change nothing ({@code EXAMINE})
     * @param listener told of the changes other sessions and deliveries make
     */
    protected AbstractFolderSession(String name, boolean readOnly, FolderListener listener) {
        this.name = name;
        this.readOnly = readOnly;
        this.listener = listener;
    }

    /**
     * The folder as the selection found it; the store calls it once, before the session is handed
     * out.
     *
     * @param validity the folder's UID validity
     * @param next the UID the next message will get
     * @param infos the messages, in UID order, with {@code \Recent} where this session holds it
     */
    public final void opened(long validity, long next, List<MessageInfo> infos) {
        this.uidValidity = validity;
        this.uidNext = next;
        this.messages = List.copyOf(infos);
    }

    @Override
    public final String name() {
        return this.name;
    }

    @Override
    public final boolean isReadOnly() {
        return this.readOnly;
    }

    @Override
    public final long uidValidity() {
        return this.uidValidity;
    }

    @Override
    public final long uidNext() {
        return this.uidNext;
    }

    @Override
    public final List<MessageInfo> messages() {
        return this.messages;
    }

    @Override
    public final Deferred<List<MessageInfo>> store(Collection<Long> uids, FlagChange change) {
        if (this.readOnly) {
            return Deferred.fail(readOnlyRefusal());
        }
        return storeFlags(uids, change);
    }

    @Override
    public final Deferred<List<Long>> expunge(@Nullable Collection<Long> uids) {
        if (this.readOnly) {
            return Deferred.fail(readOnlyRefusal());
        }
        return remove(uids, false);
    }

    /** A {@link #copy}, then the copied originals {@link #remove removed} whatever their flags. */
    @Override
    public final Deferred<CopyResult> move(Collection<Long> uids, String target) {
        if (this.readOnly) {
            return Deferred.fail(readOnlyRefusal());
        }
        return copy(uids, target).thenCompose(copied -> remove(copied.sourceUids(), true)
                .thenApply(removed -> copied));
    }

    /** Closes once: {@link #detach} runs the first time only. */
    @Override
    public final void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        detach();
    }

    /**
     * Whether {@link #close} was called.
     *
     * @return {@code true} once closed
     */
    public final boolean isClosed() {
        return this.closed;
    }

    /**
     * Gives this session {@code \Recent} of messages: the store gives each new message's to one
     * read-write session.
     *
     * @param uids the messages
     */
    public final void takeRecent(Collection<Long> uids) {
        this.recent.addAll(uids);
    }

    /**
     * Drops what the session holds of messages that are gone.
     *
     * @param uids the messages expunged
     */
    public final void forget(Collection<Long> uids) {
        this.recent.removeAll(uids);
    }

    /**
     * Tells the listener of changes made elsewhere, in this order: expunges, flag changes, new
     * messages; empty lists are not told. A listener that throws is logged, so that the store goes
     * on telling the other sessions.
     *
     * @param expunged the UIDs removed
     * @param changed the messages whose flags changed, as now
     * @param added the new messages
     */
    public final void notifyListener(List<Long> expunged, List<M> changed, List<M> added) {
        try {
            if (!expunged.isEmpty()) {
                this.listener.expunged(expunged);
            }
            if (!changed.isEmpty()) {
                this.listener.flagsChanged(changed.stream().map(this::info).toList());
            }
            if (!added.isEmpty()) {
                this.listener.newMessages(added.stream().map(this::info).toList());
            }
        }
        catch (RuntimeException ex) {
            this.log.error("Folder listener of {} failed", this.name, ex);
        }
    }

    /**
     * A message as this session shows it: with {@code \Recent} when this session holds it
     * ({@link #isRecent}).
     *
     * @param message the store's record
     * @return the message's info for this session
     */
    public abstract MessageInfo info(M message);

    /**
     * Whether this session holds a message's {@code \Recent}.
     *
     * @param uid the message
     * @return {@code true} once {@link #takeRecent given}, until {@link #forget forgotten}
     */
    protected final boolean isRecent(long uid) {
        return this.recent.contains(uid);
    }

    /**
     * Changes flags for a read-write session: {@link #store}'s work.
     *
     * @param uids the messages
     * @param change what to add, remove or replace
     * @return as {@link FolderSession#store}
     */
    protected abstract Deferred<List<MessageInfo>> storeFlags(Collection<Long> uids, FlagChange change);

    /**
     * Removes messages for a read-write session: {@link #expunge}'s work, and {@link #move}'s after
     * the copy.
     *
     * @param uids the messages, or {@code null} for all
     * @param force {@code false} to remove only those flagged {@code \Deleted}, {@code true} to
     *        remove them all (a move)
     * @return fires with the UIDs removed, ascending
     */
    protected abstract Deferred<List<Long>> remove(@Nullable Collection<Long> uids, boolean force);

    /** Takes the session off the folder's state, which tells it nothing more; called once, by {@link #close}. */
    protected abstract void detach();

    private FolderException readOnlyRefusal() {
        return new FolderException(FolderException.Reason.CANNOT, this.name + " is selected read-only");
    }
}
