package twisted.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * A {@link MailStore} test double kept in memory, for the SMTP and POP3 tests alike: mailboxes of
 * messages with unique ids. What SMTP delivers is kept byte-exact (each line followed by CR LF, as
 * a store writes it), in the order of delivery ({@link #stored()}), and joins its mailbox, so POP3
 * reads it; POP3 gets the one-session lock and deletions applied by {@code sync}. Tests can make
 * deliveries fail or wait ({@link #failWith}, {@link #hold}), and openings and syncs fail or wait,
 * and read counters of what the servers did. Thread-safe, for the interop tests whose clients check
 * it from their own threads.
 */
public final class MemoryMailStore implements MailStore {

    /**
     * One stored message.
     *
     * @param mailbox its mailbox
     * @param uid its unique id
     * @param size its size in bytes
     * @param content opens its bytes (a big message may be generated as it is read)
     */
    public record Stored(String mailbox, String uid, long size, Supplier<InputStream> content) {

        /**
         * Its bytes.
         *
         * @return the message
         */
        public byte[] bytes() {
            try (InputStream in = this.content.get()) {
                return in.readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * Its bytes as ISO-8859-1 text, one character a byte.
         *
         * @return the message
         */
        public String text() {
            return new String(bytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private final Map<String, List<Stored>> boxes = new LinkedHashMap<>();

    private final List<Stored> delivered = new ArrayList<>();

    private final Set<String> locked = new HashSet<>();

    private final Map<String, Integer> releases = new HashMap<>();

    private final Map<String, Integer> syncs = new HashMap<>();

    private final List<Runnable> held = new ArrayList<>();

    private int uids;

    private int started;

    private int dropped;

    private boolean hold;

    private @Nullable Exception deliveryFailure;

    private @Nullable Deferred<Void> pendingSync;

    private @Nullable Deferred<Void> openGate;

    private @Nullable Deferred<Void> readGate;

    private @Nullable Exception openFailure;

    /**
     * A store with these mailboxes, empty.
     *
     * @param mailboxes the mailboxes that exist
     */
    public MemoryMailStore(String... mailboxes) {
        for (String mailbox : mailboxes) {
            this.boxes.put(mailbox, new ArrayList<>());
        }
    }

    // ------------------------------------------------------------------ setting up

    /**
     * Adds a message to a mailbox, creating it.
     *
     * @param mailbox the mailbox
     * @param message the message
     * @return this store
     */
    public synchronized MemoryMailStore add(String mailbox, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return add(mailbox, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    /**
     * Adds a message given as a stream to a mailbox, creating it.
     *
     * @param mailbox the mailbox
     * @param size the message's size
     * @param content opens the message
     * @return this store
     */
    public synchronized MemoryMailStore add(String mailbox, long size, Supplier<InputStream> content) {
        this.boxes.computeIfAbsent(mailbox, m -> new ArrayList<>())
                .add(new Stored(mailbox, "uid-" + mailbox + "-" + (++this.uids), size, content));
        return this;
    }

    /**
     * Makes every delivery fail its {@code eomReceived} with this.
     *
     * @param failure the error, or {@code null} for none
     */
    public synchronized void failWith(@Nullable Exception failure) {
        this.deliveryFailure = failure;
    }

    /**
     * Makes each delivery wait, after {@code eomReceived}, until {@link #release()}.
     *
     * @param hold whether to hold them
     */
    public synchronized void hold(boolean hold) {
        this.hold = hold;
    }

    /** Stores the held deliveries, firing their Deferreds. */
    public void release() {
        List<Runnable> now;
        synchronized (this) {
            now = new ArrayList<>(this.held);
            this.held.clear();
        }
        now.forEach(Runnable::run);
    }

    /**
     * Makes the next {@code sync} wait for this Deferred (and fail with it).
     *
     * @param pending the Deferred, or {@code null} for syncs that finish at once
     */
    public synchronized void pendingSync(@Nullable Deferred<Void> pending) {
        this.pendingSync = pending;
    }

    /**
     * Makes the next {@code openMailbox} wait for this Deferred before it takes the lock.
     *
     * @param gate the Deferred
     */
    public synchronized void openGate(Deferred<Void> gate) {
        this.openGate = gate;
    }

    /**
     * Makes the next {@code openMessage} wait for this Deferred (and fail with it), as a store on a
     * network reads.
     *
     * @param gate the Deferred
     */
    public synchronized void readGate(Deferred<Void> gate) {
        this.readGate = gate;
    }

    /**
     * Makes every {@code openMailbox} fail with this.
     *
     * @param failure the error, or {@code null} for none
     */
    public synchronized void openFailure(@Nullable Exception failure) {
        this.openFailure = failure;
    }

    // ------------------------------------------------------------------ what happened

    /**
     * What was delivered, in order (also after POP3 deleted it).
     *
     * @return the deliveries
     */
    public synchronized List<Stored> stored() {
        return List.copyOf(this.delivered);
    }

    /**
     * A delivered message without the Received header the server put first.
     *
     * @param index which delivery, from 0
     * @return the rest of the message
     */
    public String body(int index) {
        String text = stored().get(index).text();
        int end = text.indexOf("\r\n");
        while (end >= 0 && end + 2 < text.length() && text.charAt(end + 2) == '\t') {
            end = text.indexOf("\r\n", end + 2);
        }
        return text.substring(end + 2);
    }

    /**
     * How many deliveries were started.
     *
     * @return the count
     */
    public synchronized int started() {
        return this.started;
    }

    /**
     * How many deliveries were dropped through {@code connectionLost}.
     *
     * @return the count
     */
    public synchronized int dropped() {
        return this.dropped;
    }

    /**
     * How many deliveries wait for {@link #release()}.
     *
     * @return the count
     */
    public synchronized int heldCount() {
        return this.held.size();
    }

    /**
     * The unique ids of a mailbox's messages now.
     *
     * @param mailbox the mailbox
     * @return the ids, in order
     */
    public synchronized List<String> uids(String mailbox) {
        return this.boxes.getOrDefault(mailbox, List.of()).stream().map(Stored::uid).toList();
    }

    /**
     * Whether a session has the mailbox open.
     *
     * @param mailbox the mailbox
     * @return {@code true} while locked
     */
    public synchronized boolean isLocked(String mailbox) {
        return this.locked.contains(mailbox);
    }

    /**
     * How many sessions gave the mailbox back without syncing.
     *
     * @param mailbox the mailbox
     * @return the count
     */
    public synchronized int releases(String mailbox) {
        return this.releases.getOrDefault(mailbox, 0);
    }

    /**
     * How many sessions synced the mailbox.
     *
     * @param mailbox the mailbox
     * @return the count
     */
    public synchronized int syncs(String mailbox) {
        return this.syncs.getOrDefault(mailbox, 0);
    }

    // ------------------------------------------------------------------ MailStore

    @Override
    public synchronized boolean exists(String mailbox) {
        return this.boxes.containsKey(mailbox);
    }

    @Override
    public synchronized MessageWriter newMessage(String mailbox) {
        this.started++;
        return new Writer(mailbox);
    }

    @Override
    public synchronized Deferred<OpenMailbox> openMailbox(String mailbox) {
        Deferred<Void> gate = this.openGate;
        if (gate != null) {
            this.openGate = null;
            return gate.thenCompose(ignored -> openMailbox(mailbox));
        }
        if (this.openFailure != null) {
            return Deferred.fail(this.openFailure);
        }
        if (!this.locked.add(mailbox)) {
            return Deferred.fail(new MailboxLockedException(mailbox));
        }
        Box box = new Box(mailbox, List.copyOf(this.boxes.getOrDefault(mailbox, List.of())));
        return Deferred.succeed(new OpenMailbox(box, box::release));
    }

    private synchronized void commit(String mailbox, byte[] bytes) {
        Stored message = new Stored(mailbox, "m" + (this.delivered.size() + 1), bytes.length,
                () -> new ByteArrayInputStream(bytes));
        this.delivered.add(message);
        this.boxes.computeIfAbsent(mailbox, m -> new ArrayList<>()).add(message);
    }

    private synchronized void unlock(String mailbox, Map<String, Integer> counter) {
        if (this.locked.remove(mailbox)) {
            counter.merge(mailbox, 1, Integer::sum);
        }
    }

    private synchronized void remove(String mailbox, Set<String> uids) {
        this.boxes.getOrDefault(mailbox, new ArrayList<>()).removeIf(m -> uids.contains(m.uid()));
    }

    /** One delivery: lines kept with CR LF, committed by eomReceived (or held, or failed). */
    private final class Writer implements MessageWriter {

        private final String mailbox;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private boolean finished;

        Writer(String mailbox) {
            this.mailbox = mailbox;
        }

        @Override
        public void lineReceived(byte[] line) {
            if (this.finished) {
                throw new IllegalStateException("line after the end of the message");
            }
            this.out.writeBytes(line);
            this.out.writeBytes(new byte[] { '\r', '\n' });
        }

        @Override
        public Deferred<MessageReceipt> eomReceived() {
            this.finished = true;
            MemoryMailStore store = MemoryMailStore.this;
            Exception failure;
            boolean holding;
            synchronized (store) {
                failure = store.deliveryFailure;
                holding = store.hold;
            }
            if (failure != null) {
                return Deferred.fail(failure);
            }
            Deferred<MessageReceipt> d = new Deferred<>();
            Runnable commit = () -> {
                byte[] bytes = this.out.toByteArray();
                store.commit(this.mailbox, bytes);
                d.callback(new MessageReceipt(this.mailbox, "m" + store.stored().size(), bytes.length));
            };
            if (holding) {
                synchronized (store) {
                    store.held.add(commit);
                }
            }
            else {
                commit.run();
            }
            return d;
        }

        @Override
        public void connectionLost() {
            this.finished = true;
            synchronized (MemoryMailStore.this) {
                MemoryMailStore.this.dropped++;
            }
        }
    }

    /** One POP3 session's view: fixed at opening, deletions marked until sync. */
    private final class Box implements Mailbox {

        private final String name;

        private final List<Stored> messages;

        private final TreeSet<Integer> deleted = new TreeSet<>();

        Box(String name, List<Stored> messages) {
            this.name = name;
            this.messages = messages;
        }

        @Override
        public List<Long> listMessages() {
            return this.messages.stream().map(Stored::size).toList();
        }

        @Override
        public String getUidl(int index) {
            return this.messages.get(index).uid();
        }

        @Override
        public InputStream getMessage(int index) throws IOException {
            return this.messages.get(index).content().get();
        }

        @Override
        public Deferred<InputStream> openMessage(int index) {
            Deferred<Void> gate;
            synchronized (MemoryMailStore.this) {
                gate = MemoryMailStore.this.readGate;
                MemoryMailStore.this.readGate = null;
            }
            if (gate == null) {
                return Mailbox.super.openMessage(index);
            }
            return gate.thenCompose(ignored -> Mailbox.super.openMessage(index));
        }

        @Override
        public void deleteMessage(int index) {
            this.deleted.add(index);
        }

        @Override
        public boolean isDeleted(int index) {
            return this.deleted.contains(index);
        }

        @Override
        public void undeleteMessages() {
            this.deleted.clear();
        }

        @Override
        public Deferred<Void> sync() {
            Set<String> uids = new HashSet<>();
            for (int i : this.deleted) {
                uids.add(this.messages.get(i).uid());
            }
            Deferred<Void> pending;
            synchronized (MemoryMailStore.this) {
                pending = MemoryMailStore.this.pendingSync;
            }
            if (pending != null) {
                return pending.thenApply(ignored -> {
                    remove(this.name, uids);
                    unlock(this.name, MemoryMailStore.this.syncs);
                    return null;
                });
            }
            remove(this.name, uids);
            unlock(this.name, MemoryMailStore.this.syncs);
            return Deferred.succeed(null);
        }

        void release() {
            unlock(this.name, MemoryMailStore.this.releases);
        }
    }
}
