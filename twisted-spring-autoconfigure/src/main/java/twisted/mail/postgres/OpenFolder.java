package twisted.mail.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.enterprise.Row;
import twisted.mail.FlagChange;
import twisted.mail.FolderListener;
import twisted.mail.MessageInfo;

/**
 * The one in-memory state, on this node, of a folder that sessions here have selected: the
 * messages' UIDs, flags, dates and sizes, the sessions and who holds {@code \Recent}. Every change
 * runs through one queue, in order: a re-read of the message list (after a notification or a
 * change made here), a flag store, an expunge. A re-read compares the list with the state and tells
 * every session what was added, changed or removed; an operation of a session tells the others.
 * The state lives while a session or a queued operation holds it. Reactor thread only.
 */
final class OpenFolder {

    private final PostgresMailStore store;

    private final long id;

    private final String name;

    private final Consumer<OpenFolder> evict;

    private final Tables tables;

    private final TreeMap<Long, Stored> messages = new TreeMap<>();

    private final List<PostgresFolderSession> sessions = new ArrayList<>();

    private Deferred<?> tail = Deferred.succeed(null);

    private int pending;

    private int holders;

    private long uidValidity;

    private long uidNext;

    OpenFolder(PostgresMailStore store, long id, String name, Consumer<OpenFolder> evict) {
        this.store = store;
        this.id = id;
        this.name = name;
        this.evict = evict;
        this.tables = store.tables();
    }

    long id() {
        return this.id;
    }

    PostgresMailStore store() {
        return this.store;
    }

    void acquire() {
        this.holders++;
    }

    void release() {
        this.holders--;
        evictIfUnused();
    }

    /** Reads the folder again and tells every session. */
    Deferred<Void> sync() {
        return submit(() -> scan(null));
    }

    Deferred<PostgresFolderSession> select(PostgresAccount account, boolean readOnly, FolderListener listener) {
        PostgresFolderSession session = new PostgresFolderSession(this, account, this.name, readOnly, listener);
        return submit(() -> scan(session).thenApply(ignored -> {
            List<MessageInfo> infos = new ArrayList<>(this.messages.size());
            for (Stored message : this.messages.values()) {
                infos.add(session.info(message));
            }
            session.opened(this.uidValidity, this.uidNext, infos);
            this.sessions.add(session);
            return session;
        }));
    }

    boolean hasSessions() {
        return !this.sessions.isEmpty();
    }

    void closed(PostgresFolderSession session) {
        if (this.sessions.remove(session)) {
            release();
        }
    }

    long uidValidity() {
        return this.uidValidity;
    }

    Set<String> keywords() {
        Set<String> keywords = new TreeSet<>();
        for (Stored message : this.messages.values()) {
            for (String flag : message.flags()) {
                if (!flag.startsWith("\\")) {
                    keywords.add(flag);
                }
            }
        }
        return keywords;
    }

    @Nullable Stored message(long uid) {
        return this.messages.get(uid);
    }

    /** The UIDs of {@code uids} the folder holds now, ascending. */
    List<Long> known(Collection<Long> uids) {
        List<Long> found = new ArrayList<>();
        for (Long uid : new TreeSet<>(uids)) {
            if (this.messages.containsKey(uid)) {
                found.add(uid);
            }
        }
        return found;
    }

    Deferred<List<MessageInfo>> store(PostgresFolderSession session, Collection<Long> uids, FlagChange change) {
        return submit(() -> {
            List<Long> targets = known(uids);
            if (targets.isEmpty()) {
                return Deferred.succeed(List.of());
            }
            String[] flags = PostgresMailStore.sorted(change.flags());
            String next = switch (change.mode()) {
                case ADD -> "ARRAY(SELECT DISTINCT f FROM unnest(flags || ?::text[]) f ORDER BY f)";
                case REMOVE -> "ARRAY(SELECT f FROM unnest(flags) f WHERE f <> ALL(?::text[]) ORDER BY f)";
                case REPLACE -> "?::text[]";
            };
            Deferred<List<Row>> updated = this.store.pool().runInteraction(txn -> this.store.allocate(txn, this.id, 0,
                    this.name).thenCompose(at -> txn.runQuery("UPDATE " + this.tables.messages + " SET flags = " + next
                            + ", modseq = ? WHERE folder_id = ? AND uid = ANY(?) AND flags <> " + next
                            + " RETURNING uid, flags", flags, at.modseq(), this.id, targets.toArray(Long[]::new), flags))
                    .thenCompose(rows -> this.store.notifyFolder(txn, this.id).thenApply(ignored -> rows)));
            return updated.thenApply(rows -> {
                List<Stored> changed = new ArrayList<>();
                for (Row row : rows) {
                    long uid = PostgresMailStore.number(row, "uid");
                    Stored old = this.messages.get(uid);
                    if (old != null) {
                        Stored now = old.withFlags(flagsOf(row));
                        this.messages.put(uid, now);
                        changed.add(now);
                    }
                }
                changed.sort((a, b) -> Long.compare(a.uid(), b.uid()));
                publish(session, List.of(), changed, List.of());
                List<MessageInfo> result = new ArrayList<>();
                for (Long uid : targets) {
                    Stored now = this.messages.get(uid);
                    if (now != null) {
                        result.add(session.info(now));
                    }
                }
                return result;
            });
        });
    }

    /** Removes those of {@code uids} (all when {@code null}) flagged {@code \Deleted}, or with {@code force} all of them. */
    Deferred<List<Long>> expunge(PostgresFolderSession session, @Nullable Collection<Long> uids, boolean force) {
        return submit(() -> {
            List<Long> candidates = uids == null ? List.copyOf(this.messages.keySet()) : known(uids);
            if (candidates.isEmpty()) {
                return Deferred.succeed(List.of());
            }
            String deleted = force ? "" : " AND flags @> ARRAY['\\Deleted']";
            Deferred<List<Row>> removed = this.store.pool().runInteraction(txn -> this.store.allocate(txn, this.id, 0,
                    this.name).thenCompose(at -> txn.runQuery("DELETE FROM " + this.tables.messages
                            + " WHERE folder_id = ? AND uid = ANY(?)" + deleted + " RETURNING uid", this.id,
                            candidates.toArray(Long[]::new)))
                    .thenCompose(rows -> this.store.notifyFolder(txn, this.id).thenApply(ignored -> rows)));
            return removed.thenApply(rows -> {
                List<Long> gone = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> PostgresMailStore.number(r, "uid"))
                        .toList()));
                forget(gone);
                publish(session, gone, List.of(), List.of());
                return gone;
            });
        });
    }

    private <T> Deferred<T> submit(Supplier<Deferred<T>> operation) {
        this.pending++;
        Deferred<T> result = this.tail.thenCompose(ignored -> operation.get());
        this.tail = result.recover(failure -> null).thenApply(ignored -> {
            this.pending--;
            evictIfUnused();
            return null;
        });
        return result;
    }

    private void evictIfUnused() {
        if (this.holders == 0 && this.pending == 0) {
            this.evict.accept(this);
        }
    }

    /**
     * Reads the message list (one statement: one snapshot), claims {@code \Recent} of the new
     * messages for a read-write session of this node if there is one, and tells the sessions.
     */
    private Deferred<Void> scan(@Nullable PostgresFolderSession selecting) {
        PostgresFolderSession claimer = selecting != null && !selecting.isReadOnly() ? selecting : oldestWriter();
        return this.store.pool().runQuery("SELECT f.uidvalidity, f.uidnext, m.uid, m.flags, m.internal_date, m.size,"
                + " m.recent FROM " + this.tables.folders + " f LEFT JOIN " + this.tables.messages
                + " m ON m.folder_id = f.id WHERE f.id = ? ORDER BY m.uid", this.id).thenCompose(rows -> {
                    if (rows.isEmpty()) {
                        if (selecting != null) {
                            throw Names.nonexistent(this.name);
                        }
                        List<Long> all = List.copyOf(this.messages.keySet());
                        forget(all);
                        publish(null, all, List.of(), List.of());
                        return Deferred.succeed(null);
                    }
                    this.uidValidity = PostgresMailStore.number(rows.get(0), "uidvalidity");
                    this.uidNext = PostgresMailStore.number(rows.get(0), "uidnext");
                    List<Stored> listed = new ArrayList<>();
                    List<Long> unclaimed = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.get("uid") == null) {
                            continue;
                        }
                        Stored message = new Stored(PostgresMailStore.number(row, "uid"), flagsOf(row),
                                instant(row.get("internal_date")), PostgresMailStore.number(row, "size"));
                        listed.add(message);
                        if (Boolean.TRUE.equals(row.get("recent"))) {
                            unclaimed.add(message.uid());
                        }
                    }
                    if (claimer == null || unclaimed.isEmpty()) {
                        apply(listed, null, List.of());
                        return Deferred.succeed(null);
                    }
                    return this.store.pool().runQuery("UPDATE " + this.tables.messages + " SET recent = false"
                            + " WHERE folder_id = ? AND uid = ANY(?) AND recent RETURNING uid", this.id,
                            unclaimed.toArray(Long[]::new)).thenApply(claimed -> {
                                apply(listed, claimer, claimed.stream().map(r -> PostgresMailStore.number(r, "uid"))
                                        .toList());
                                return null;
                            });
                });
    }

    private void apply(List<Stored> listed, @Nullable PostgresFolderSession claimer, List<Long> recent) {
        Map<Long, Stored> before = new HashMap<>(this.messages);
        this.messages.clear();
        List<Stored> added = new ArrayList<>();
        List<Stored> changed = new ArrayList<>();
        for (Stored message : listed) {
            this.messages.put(message.uid(), message);
            Stored old = before.remove(message.uid());
            if (old == null) {
                added.add(message);
            }
            else if (!old.flags().equals(message.flags())) {
                changed.add(message);
            }
        }
        List<Long> removed = new ArrayList<>(new TreeSet<>(before.keySet()));
        forget(removed);
        if (claimer != null && !claimer.isClosed()) {
            claimer.takeRecent(recent);
        }
        publish(null, removed, changed, added);
    }

    private @Nullable PostgresFolderSession oldestWriter() {
        for (PostgresFolderSession session : this.sessions) {
            if (!session.isReadOnly()) {
                return session;
            }
        }
        return null;
    }

    private void forget(List<Long> removed) {
        removed.forEach(this.messages::remove);
        for (PostgresFolderSession session : this.sessions) {
            session.forget(removed);
        }
    }

    private void publish(@Nullable PostgresFolderSession except, List<Long> expunged, List<Stored> changed,
            List<Stored> added) {
        if (expunged.isEmpty() && changed.isEmpty() && added.isEmpty()) {
            return;
        }
        for (PostgresFolderSession session : List.copyOf(this.sessions)) {
            if (session != except) {
                session.notifyListener(expunged, changed, added);
            }
        }
    }

    private static Set<String> flagsOf(Row row) {
        Object value = row.get("flags");
        if (value instanceof String[] flags) {
            return Set.copyOf(Arrays.asList(flags));
        }
        return Set.of();
    }

    private static Instant instant(@Nullable Object value) {
        if (value instanceof OffsetDateTime date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof TemporalAccessor temporal) {
            return Instant.from(temporal);
        }
        throw new IllegalStateException("internal_date is not a timestamp: " + value);
    }

    /** A message as the folder knows it. */
    record Stored(long uid, Set<String> flags, Instant internalDate, long size) {

        Stored withFlags(Set<String> next) {
            return new Stored(this.uid, next, this.internalDate, this.size);
        }

        MessageInfo info(boolean recent) {
            if (!recent) {
                return new MessageInfo(this.uid, this.flags, this.internalDate, this.size);
            }
            Set<String> withRecent = new TreeSet<>(this.flags);
            withRecent.add(MessageInfo.RECENT);
            return new MessageInfo(this.uid, withRecent, this.internalDate, this.size);
        }
    }
}
