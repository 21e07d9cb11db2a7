package twisted.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import twisted.defer.Deferred;
import twisted.mail.FolderException.Reason;

/**
 * What a {@link MailAccount} does the same way in every store: folder names under the rules of
 * {@link FolderHierarchy}, {@code LIST}'s view of them, what is refused of INBOX (creating it,
 * deleting it, renaming a folder to it) and of a rename into the folder's own subtree, and the
 * folder sessions the account opened, closed with it. A store implements how its folders are
 * read, created, deleted, renamed and opened, each hook given canonical names. Twisted:
 * {@code imap4.MemoryAccountWithoutNamespaces}, whose {@code create}, {@code delete} and
 * {@code rename} are written once over its store's hooks in the same way.
 *
 * <p>For store implementations; the Maildir and PostgreSQL stores' accounts are built on it.
 * Reactor thread only, as {@link MailAccount} is.
 *
 * @since 0.1.0
 */
public abstract class AbstractMailAccount implements MailAccount {

    private final List<AbstractFolderSession<?>> sessions = new ArrayList<>();

    private boolean closed;

    /** Creates an open account with no sessions. */
    protected AbstractMailAccount() {
    }

    /** {@link FolderHierarchy#DELIMITER}. */
    @Override
    public final char delimiter() {
        return FolderHierarchy.DELIMITER;
    }

    /** The folders of {@link #folderNames()}, listed by {@link FolderHierarchy#list}. */
    @Override
    public final Deferred<List<FolderInfo>> listFolders() {
        return folderNames().thenApply(FolderHierarchy::list);
    }

    /** INBOX exists always; any other accepted name goes to {@link #createFolder}. */
    @Override
    public final Deferred<Void> create(String name) {
        return withName(name, canonical -> {
            if (FolderHierarchy.isInbox(canonical)) {
                return Deferred.fail(new FolderException(Reason.ALREADY_EXISTS, "INBOX exists"));
            }
            return createFolder(canonical);
        });
    }

    /** INBOX is refused ({@code CANNOT}); any other accepted name goes to {@link #deleteFolder}. */
    @Override
    public final Deferred<Void> delete(String name) {
        return withName(name, canonical -> {
            if (FolderHierarchy.isInbox(canonical)) {
                return Deferred.fail(new FolderException(Reason.CANNOT, "INBOX cannot be deleted"));
            }
            return deleteFolder(canonical);
        });
    }

    /**
     * Refuses a rename to INBOX ({@code ALREADY_EXISTS}) or into the folder's own subtree
     * ({@code CANNOT}); renaming INBOX goes to {@link #renameInbox}, any other folder to
     * {@link #renameFolder}.
     */
    @Override
    public final Deferred<Void> rename(String from, String to) {
        return withName(from, source -> withName(to, target -> {
            if (FolderHierarchy.isInbox(target)) {
                return Deferred.fail(renameRefused(Reason.ALREADY_EXISTS, source, target));
            }
            if (FolderHierarchy.isAtOrBelow(target, source)) {
                return Deferred.fail(renameRefused(Reason.CANNOT, source, target));
            }
            if (FolderHierarchy.isInbox(source)) {
                return renameInbox(target);
            }
            return renameFolder(source, target);
        }));
    }

    /**
     * Opens the session through {@link #open} and keeps it, to close it with the account; fails
     * with {@link IllegalStateException} once the account is closed. A session that opens after
     * the account closed meanwhile is closed at once.
     */
    @Override
    public final Deferred<FolderSession> select(String name, boolean readOnly, FolderListener listener) {
        if (this.closed) {
            return Deferred.fail(new IllegalStateException("account closed"));
        }
        return withName(name, canonical -> open(canonical, readOnly, listener).thenApply(this::keep));
    }

    /** Closes the sessions {@link #select} opened. */
    @Override
    public final void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        List.copyOf(this.sessions).forEach(AbstractFolderSession::close);
        this.sessions.clear();
    }

    private static FolderException renameRefused(Reason reason, String source, String target) {
        return new FolderException(reason, "cannot rename " + FolderHierarchy.printable(source) + " to "
                + FolderHierarchy.printable(target));
    }

    private FolderSession keep(AbstractFolderSession<?> session) {
        if (this.closed) {
            session.close();
        }
        else {
            this.sessions.removeIf(AbstractFolderSession::isClosed);
            this.sessions.add(session);
        }
        return session;
    }

    /**
     * Runs an operation on a name's canonical form, or fails with the store's refusal of the name.
     *
     * @param <T> what the operation gives
     * @param name the name as the client gave it
     * @param operation given the canonical name
     * @return the operation's Deferred, or a failed one with the {@link FolderException}
     */
    protected final <T> Deferred<T> withName(String name, Function<String, Deferred<T>> operation) {
        String canonical;
        try {
            canonical = canonical(name);
        }
        catch (FolderException ex) {
            return Deferred.fail(ex);
        }
        return operation.apply(canonical);
    }

    /**
     * The canonical form of a folder name: {@link FolderHierarchy#refusal} and
     * {@link FolderHierarchy#canonical}, with the store's own limit on length.
     *
     * @param name the name as the client gave it
     * @return the canonical name
     * @throws FolderException ({@code CANNOT}) for a name the store refuses
     */
    protected abstract String canonical(String name) throws FolderException;

    /**
     * The canonical names of the folders that exist.
     *
     * @return fires with the names, INBOX among them
     */
    protected abstract Deferred<Set<String>> folderNames();

    /**
     * Creates a folder other than INBOX.
     *
     * @param canonical its canonical name
     * @return as {@link MailAccount#create}
     */
    protected abstract Deferred<Void> createFolder(String canonical);

    /**
     * Deletes a folder other than INBOX.
     *
     * @param canonical its canonical name
     * @return as {@link MailAccount#delete}
     */
    protected abstract Deferred<Void> deleteFolder(String canonical);

    /**
     * Renames a folder other than INBOX, with its children, to a name that is neither INBOX nor
     * below the folder.
     *
     * @param source the canonical name
     * @param target the new canonical name
     * @return as {@link MailAccount#rename}
     */
    protected abstract Deferred<Void> renameFolder(String source, String target);

    /**
     * Renames INBOX (RFC 3501 6.3.5): its messages go to a new folder; INBOX stays, empty, its
     * UIDs going on.
     *
     * @param target the new folder's canonical name, neither INBOX nor below it
     * @return as {@link MailAccount#rename}
     */
    protected abstract Deferred<Void> renameInbox(String target);

    /**
     * Opens a session on a folder for {@link #select}.
     *
     * @param canonical the folder's canonical name
     * @param readOnly whether the session may change nothing
     * @param listener told of the changes other sessions and deliveries make
     * @return fires with the session; fails as {@link MailAccount#select}
     */
    protected abstract Deferred<? extends AbstractFolderSession<?>> open(String canonical, boolean readOnly,
            FolderListener listener);
}
