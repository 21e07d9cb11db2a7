package twisted.mail.pop3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import twisted.mail.MailStore;
import twisted.mail.Mailbox;
import twisted.mail.MailboxLockedException;
import twisted.mail.MessageWriter;

/**
 * A {@link MailStore} test double kept in memory: mailboxes of messages with unique ids, the
 * one-session lock, deletions applied by {@code sync}, and counters of what the server did. A
 * message may also be a {@link Supplier} of streams (a big message generated as it is read).
 * Thread-safe, for the interop tests whose clients check it from their own threads.
 */
final class MemoryMailStore implements MailStore {

    /** One stored message. */
    record Stored(String uid, long size, Supplier<InputStream> content) {
    }

    private final Map<String, List<Stored>> boxes = new LinkedHashMap<>();

    private final Set<String> locked = new HashSet<>();

    private final Map<String, Integer> releases = new HashMap<>();

    private final Map<String, Integer> syncs = new HashMap<>();

    private int uids;

    /** When set, {@code sync} returns this Deferred instead of finishing at once. */
    @Nullable Deferred<Void> pendingSync;

    /** When set, {@code openMailbox} waits for it to fire before taking the lock. */
    @Nullable Deferred<Void> openGate;

    /** When set, {@code openMailbox} fails with it. */
    @Nullable Exception openFailure;

    synchronized MemoryMailStore add(String mailbox, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return add(mailbox, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    synchronized MemoryMailStore add(String mailbox, long size, Supplier<InputStream> content) {
        this.boxes.computeIfAbsent(mailbox, m -> new ArrayList<>())
                .add(new Stored("uid-" + mailbox + "-" + (++this.uids), size, content));
        return this;
    }

    synchronized List<String> uids(String mailbox) {
        return this.boxes.getOrDefault(mailbox, List.of()).stream().map(Stored::uid).toList();
    }

    synchronized boolean isLocked(String mailbox) {
        return this.locked.contains(mailbox);
    }

    synchronized int releases(String mailbox) {
        return this.releases.getOrDefault(mailbox, 0);
    }

    synchronized int syncs(String mailbox) {
        return this.syncs.getOrDefault(mailbox, 0);
    }

    @Override
    public synchronized boolean exists(String mailbox) {
        return this.boxes.containsKey(mailbox);
    }

    @Override
    public MessageWriter newMessage(String mailbox) {
        throw new UnsupportedOperationException("POP3 does not deliver");
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
        List<Stored> snapshot = List.copyOf(this.boxes.getOrDefault(mailbox, List.of()));
        Box box = new Box(mailbox, snapshot);
        return Deferred.succeed(new OpenMailbox(box, box::release));
    }

    private synchronized void unlock(String mailbox, Map<String, Integer> counter) {
        if (this.locked.remove(mailbox)) {
            counter.merge(mailbox, 1, Integer::sum);
        }
    }

    private synchronized void remove(String mailbox, Set<String> uids) {
        this.boxes.getOrDefault(mailbox, new ArrayList<>()).removeIf(m -> uids.contains(m.uid()));
    }

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
            Deferred<Void> pending = MemoryMailStore.this.pendingSync;
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
