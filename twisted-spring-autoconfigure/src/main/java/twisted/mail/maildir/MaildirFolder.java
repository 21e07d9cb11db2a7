package twisted.mail.maildir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.mail.CopyResult;
import twisted.mail.FlagChange;
import twisted.mail.FolderException;
import twisted.mail.FolderListener;
import twisted.mail.FolderStatus;
import twisted.mail.MessageInfo;
import twisted.mail.maildir.FolderFiles.Scan;
import twisted.mail.maildir.FolderFiles.Stored;

/**
 * The one in-memory state of a folder directory that every session on it in this store shares:
 * its UIDs, flags, keywords, the sessions and who holds {@code \Recent}. Every change (a sync
 * that finds deliveries or removals, a store, an expunge, an append, a copy) runs through one
 * {@link SerialQueue}: its file work off the reactor thread, then its effect on this state and the
 * notices to the other sessions' listeners on the reactor thread, in order.
 *
 * <p>{@code \Recent}: a message found in {@code new} (a delivery) or appended or copied here is
 * given to one read-write session: the one selecting when it is found, else the oldest read-write
 * session; with none, it waits ({@link FolderStatus#recent()}) for the next read-write select. A
 * read-write select moves the files in {@code new} to {@code cur}, as Dovecot does. Waiting
 * {@code \Recent} of messages in {@code cur} lives in memory only (Dovecot keeps it in its index).
 *
 * <p>The store keeps the state while a session, an account operation or a queued change holds it,
 * and drops it after ({@link #acquire}, {@link #release}); the next use reads the folder again.
 */
final class MaildirFolder {

    private final FolderFiles files;

    private final Blocking blocking;

    private final MaildirNames names;

    private final LongSupplier newUidValidity;

    private final SerialQueue queue;

    private final Consumer<MaildirFolder> evict;

    private int holders;

    private @Nullable UidList uidList;

    private List<String> keywords = List.of();

    private final TreeMap<Long, Stored> messages = new TreeMap<>();

    private final List<MaildirFolderSession> sessions = new ArrayList<>();

    private final Set<Long> unclaimedRecent = new TreeSet<>();

    MaildirFolder(FolderFiles files, Blocking blocking, MaildirNames names, LongSupplier newUidValidity,
            Consumer<MaildirFolder> evict) {
        this.files = files;
        this.blocking = blocking;
        this.names = names;
        this.newUidValidity = newUidValidity;
        this.evict = evict;
        this.queue = new SerialQueue(this::evictIfUnused);
    }

    Path directory() {
        return this.files.directory();
    }

    FolderFiles files() {
        return this.files;
    }

    void acquire() {
        this.holders++;
    }

    void release() {
        this.holders--;
        evictIfUnused();
    }

    private void evictIfUnused() {
        if (this.holders == 0 && this.queue.isIdle()) {
            this.evict.accept(this);
        }
    }

    /** Reads the folder again (a delivery, a POP3 deletion, another program's change) and tells every session. */
    Deferred<Void> sync() {
        return this.queue.submit(() -> scan(null));
    }

    Deferred<FolderStatus> status() {
        return this.queue.submit(() -> loaded(() -> {
            long unseen = this.messages.values().stream().filter(m -> !m.flags().contains(MessageInfo.SEEN)).count();
            UidList list = requireLoaded();
            return Deferred.succeed(new FolderStatus(this.messages.size(), this.unclaimedRecent.size(),
                    list.nextUid(), list.uidValidity(), unseen));
        }));
    }

    /** Syncs, then opens a session that sees the folder as the sync left it. */
    Deferred<MaildirFolderSession> select(String name, boolean readOnly, FolderListener listener) {
        MaildirFolderSession session = new MaildirFolderSession(this, name, readOnly, listener);
        return this.queue.submit(() -> scan(session).thenApply(ignored -> {
            UidList list = requireLoaded();
            List<MessageInfo> infos = new ArrayList<>(this.messages.size());
            for (Stored message : this.messages.values()) {
                infos.add(session.info(message));
            }
            session.opened(list.uidValidity(), list.nextUid(), infos);
            this.sessions.add(session);
            return session;
        }));
    }

    void closed(MaildirFolderSession session) {
        if (this.sessions.remove(session)) {
            release();
        }
    }

    List<String> keywords() {
        return this.keywords.stream().filter(k -> !k.isEmpty()).toList();
    }

    /** A message's state now, or {@code null} once it is expunged. */
    @Nullable Stored message(long uid) {
        return this.messages.get(uid);
    }

    List<Stored> messages(Collection<Long> uids) {
        List<Stored> found = new ArrayList<>();
        for (Long uid : new TreeSet<>(uids)) {
            Stored message = this.messages.get(uid);
            if (message != null) {
                found.add(message);
            }
        }
        return found;
    }

    Deferred<List<MessageInfo>> store(MaildirFolderSession session, Collection<Long> uids, FlagChange change) {
        return this.queue.submit(() -> {
            List<String> table = new ArrayList<>(this.keywords);
            Map<Stored, Set<String>> changes = new HashMap<>();
            List<Stored> targets = messages(uids);
            for (Stored message : targets) {
                Set<String> flags = MaildirFlags.apply(change, message.flags());
                if (!flags.equals(message.flags())) {
                    FolderException refused = KeywordTable.extend(table, flags);
                    if (refused != null) {
                        return Deferred.fail(refused);
                    }
                    changes.put(message, flags);
                }
            }
            boolean newKeywords = !table.equals(this.keywords);
            Map<Long, String> letters = new HashMap<>();
            for (Map.Entry<Stored, Set<String>> entry : changes.entrySet()) {
                letters.put(entry.getKey().uid(), Objects.requireNonNull(
                        MaildirFlags.lettersFor(entry.getValue(), table, entry.getKey().letters()), "letters"));
            }
            return this.blocking.run(() -> {
                if (newKeywords) {
                    KeywordTable.write(directory(), table);
                }
                Map<Long, Path> moved = new HashMap<>();
                for (Stored message : changes.keySet()) {
                    Path to = this.files.rename(message.file(), message.unique(), letters.get(message.uid()));
                    if (to != null) {
                        moved.put(message.uid(), to);
                    }
                }
                return moved;
            }).thenApply(moved -> {
                this.keywords = List.copyOf(table);
                List<Stored> changed = new ArrayList<>();
                for (Map.Entry<Stored, Set<String>> entry : changes.entrySet()) {
                    Path to = moved.get(entry.getKey().uid());
                    if (to != null && this.messages.containsKey(entry.getKey().uid())) {
                        Stored now = entry.getKey().moved(to, letters.get(entry.getKey().uid()), entry.getValue());
                        this.messages.put(now.uid(), now);
                        changed.add(now);
                    }
                }
                changed.sort((a, b) -> Long.compare(a.uid(), b.uid()));
                publish(session, List.of(), changed, List.of());
                List<MessageInfo> result = new ArrayList<>();
                for (Stored message : targets) {
                    Stored now = this.messages.get(message.uid());
                    if (now != null) {
                        result.add(session.info(now));
                    }
                }
                return result;
            });
        });
    }

    /** Removes messages: those flagged {@code \Deleted} among {@code uids} (all when {@code null}), or with {@code force} all of {@code uids}. */
    Deferred<List<Long>> expunge(@Nullable MaildirFolderSession session, @Nullable Collection<Long> uids, boolean force) {
        return this.queue.submit(() -> {
            List<Stored> doomed = new ArrayList<>();
            for (Stored message : uids == null ? List.copyOf(this.messages.values()) : messages(uids)) {
                if (force || message.flags().contains(MessageInfo.DELETED)) {
                    doomed.add(message);
                }
            }
            if (doomed.isEmpty()) {
                return Deferred.succeed(List.of());
            }
            Set<Long> gone = new TreeSet<>();
            doomed.forEach(m -> gone.add(m.uid()));
            UidList list = requireLoaded();
            UidList next = new UidList(list.uidValidity(), list.nextUid(), list.guid(),
                    list.entries().stream().filter(e -> !gone.contains(e.uid())).toList());
            return this.blocking.run(() -> {
                for (Stored message : doomed) {
                    this.files.delete(message.file(), message.unique());
                }
                next.write(directory());
                return null;
            }).thenApply(ignored -> {
                this.uidList = next;
                List<Long> removed = List.copyOf(gone);
                forget(removed);
                publish(session, removed, List.of(), List.of());
                return removed;
            });
        });
    }

    /**
     * Adds complete files to this folder under new unique names and the next UIDs, with their
     * flags: an append (a file in this folder's {@code tmp}, moved) or a copy (another folder's
     * files, linked). Sources gone meanwhile are skipped.
     */
    Deferred<CopyResult> add(List<Incoming> incoming, boolean link) {
        return this.queue.submit(() -> loaded(() -> {
            List<String> table = new ArrayList<>(this.keywords);
            for (Incoming message : incoming) {
                FolderException refused = KeywordTable.extend(table, message.flags());
                if (refused != null) {
                    return Deferred.fail(refused);
                }
            }
            boolean newKeywords = !table.equals(this.keywords);
            UidList list = requireLoaded();
            List<String> uniques = new ArrayList<>();
            incoming.forEach(m -> uniques.add(this.names.next()));
            return this.blocking.run(() -> {
                if (newKeywords) {
                    KeywordTable.write(directory(), table);
                }
                long uid = list.nextUid();
                List<Stored> stored = new ArrayList<>();
                List<Long> sources = new ArrayList<>();
                for (int i = 0; i < incoming.size(); i++) {
                    Incoming message = incoming.get(i);
                    Path source;
                    try {
                        source = message.locate();
                    }
                    catch (NoSuchFileException ex) {
                        continue;
                    }
                    String letters = Objects.requireNonNull(MaildirFlags.lettersFor(message.flags(), table, ""),
                            "letters");
                    stored.add(this.files.store(source, link, uid++, uniques.get(i), letters,
                            MaildirFlags.flagsOf(letters, table), message.internalDate()));
                    if (message.sourceUid() > 0) {
                        sources.add(message.sourceUid());
                    }
                }
                this.files.fsyncCur();
                List<UidList.Entry> entries = new ArrayList<>(list.entries());
                stored.forEach(m -> entries.add(new UidList.Entry(m.uid(), "", m.unique())));
                UidList next = new UidList(list.uidValidity(), uid, list.guid(), entries);
                next.write(directory());
                return new Added(next, stored, sources);
            }).thenApply(added -> {
                this.uidList = added.list();
                this.keywords = List.copyOf(table);
                added.stored().forEach(m -> this.messages.put(m.uid(), m));
                giveRecent(null, added.stored().stream().map(Stored::uid).toList());
                publish(null, List.of(), List.of(), added.stored());
                return new CopyResult(added.list().uidValidity(), added.sources(),
                        added.stored().stream().map(Stored::uid).toList());
            });
        }));
    }

    /**
     * A message coming into the folder.
     *
     * @param sourceUid its UID in the folder it comes from (0 for an append)
     * @param source finds its file, off the reactor thread
     * @param flags its flags
     * @param internalDate the date to give it, or {@code null} to keep the file's
     */
    record Incoming(long sourceUid, Locator source, Set<String> flags, @Nullable Instant internalDate) {

        Path locate() throws IOException {
            return this.source.locate();
        }
    }

    /** Finds a file; blocks. */
    @FunctionalInterface
    interface Locator {
        Path locate() throws IOException;
    }

    private record Added(UidList list, List<Stored> stored, List<Long> sources) {
    }

    /** Moves every message to a new folder's directory (INBOX renamed), leaving this one empty. */
    Deferred<Void> moveAllTo(FolderFiles target, long targetUidValidity) {
        return this.queue.submit(() -> loaded(() -> {
            List<Stored> all = List.copyOf(this.messages.values());
            UidList list = requireLoaded();
            return this.blocking.run(() -> {
                target.createFolder(targetUidValidity, KeywordTable.read(directory()));
                target.adopt(this.files, all);
                new UidList(list.uidValidity(), list.nextUid(), list.guid(), List.of()).write(directory());
                return null;
            }).thenApply(ignored -> {
                this.uidList = new UidList(list.uidValidity(), list.nextUid(), list.guid(), List.of());
                List<Long> removed = all.stream().map(Stored::uid).toList();
                forget(removed);
                publish(null, removed, List.of(), List.of());
                return (Void) null;
            });
        }));
    }

    private <T> Deferred<T> loaded(Supplier<Deferred<T>> operation) {
        return this.uidList != null ? operation.get() : scan(null).thenCompose(ignored -> operation.get());
    }

    private UidList requireLoaded() {
        UidList list = this.uidList;
        if (list == null) {
            throw new IllegalStateException("folder not read yet: " + directory());
        }
        return list;
    }

    private Deferred<Void> scan(@Nullable MaildirFolderSession selecting) {
        boolean claim = (selecting != null && !selecting.isReadOnly()) || oldestWriter() != null;
        UidList known = this.uidList;
        return this.blocking.run(() -> this.files.scan(claim, known, this.newUidValidity)).thenApply(scan -> {
            applyScan(scan, selecting);
            return null;
        });
    }

    private void applyScan(Scan scan, @Nullable MaildirFolderSession selecting) {
        Map<Long, Stored> before = new HashMap<>(this.messages);
        this.uidList = scan.uidList();
        this.keywords = List.copyOf(scan.keywords());
        this.messages.clear();
        List<Stored> added = new ArrayList<>();
        List<Stored> changed = new ArrayList<>();
        List<Long> recent = new ArrayList<>();
        for (Stored message : scan.messages()) {
            this.messages.put(message.uid(), message);
            Stored old = before.remove(message.uid());
            if (old == null) {
                added.add(message);
                if (scan.fromNew().contains(message.uid())) {
                    recent.add(message.uid());
                }
            }
            else if (!old.flags().equals(message.flags())) {
                changed.add(message);
            }
        }
        List<Long> removed = new ArrayList<>(new TreeSet<>(before.keySet()));
        forget(removed);
        giveRecent(selecting, recent);
        publish(null, removed, changed, added);
    }

    /** Gives {@code \Recent} of new messages (and of those waiting) to one read-write session, or keeps it waiting. */
    private void giveRecent(@Nullable MaildirFolderSession selecting, List<Long> uids) {
        MaildirFolderSession claimer = selecting != null && !selecting.isReadOnly() ? selecting : oldestWriter();
        if (claimer == null) {
            this.unclaimedRecent.addAll(uids);
            return;
        }
        claimer.takeRecent(uids);
        claimer.takeRecent(this.unclaimedRecent);
        this.unclaimedRecent.clear();
    }

    private @Nullable MaildirFolderSession oldestWriter() {
        for (MaildirFolderSession session : this.sessions) {
            if (!session.isReadOnly()) {
                return session;
            }
        }
        return null;
    }

    private void forget(List<Long> removed) {
        removed.forEach(this.messages::remove);
        this.unclaimedRecent.removeAll(removed);
        for (MaildirFolderSession session : this.sessions) {
            session.forget(removed);
        }
    }

    /** Tells every session but {@code except}, in order: expunges, flag changes, new messages. */
    private void publish(@Nullable MaildirFolderSession except, List<Long> expunged, List<Stored> changed,
            List<Stored> added) {
        for (MaildirFolderSession session : List.copyOf(this.sessions)) {
            if (session != except) {
                session.notifyListener(expunged, changed, added);
            }
        }
    }
}
