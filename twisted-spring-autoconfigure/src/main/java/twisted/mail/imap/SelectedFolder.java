package twisted.mail.imap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import twisted.mail.FolderListener;
import twisted.mail.FolderSession;
import twisted.mail.MessageInfo;

/**
 * The selected folder as this connection has told the client about it: the message-number to
 * UID map and each message's flags. Changes made elsewhere arrive through the
 * {@link FolderListener} at any time, are held, and are told only by {@link #flush} at the
 * moments RFC 3501 allows (section 7.4.1: no {@code EXPUNGE} while a {@code FETCH},
 * {@code STORE} or {@code SEARCH} without {@code UID} is answered, nor outside a command unless
 * idling; section 5.2: the numbering changes only when the client is told).
 */
final class SelectedFolder implements FolderListener {

    private final List<Long> uids = new ArrayList<>();

    private final Map<Long, MessageInfo> infos = new HashMap<>();

    private final List<MessageInfo> pendingNew = new ArrayList<>();

    private final List<Long> pendingExpunged = new ArrayList<>();

    private final Map<Long, MessageInfo> pendingFlags = new LinkedHashMap<>();

    private @Nullable FolderSession session;

    private @Nullable Runnable onChange;

    /** Starts from the session's messages at selection. */
    void open(FolderSession folder) {
        this.session = folder;
        for (MessageInfo info : folder.messages()) {
            this.uids.add(info.uid());
            this.infos.put(info.uid(), info);
        }
    }

    FolderSession session() {
        FolderSession s = this.session;
        if (s == null) {
            throw new IllegalStateException("not open");
        }
        return s;
    }

    /** Called on every change from elsewhere (the server flushes at once while idling). */
    void onChange(@Nullable Runnable listener) {
        this.onChange = listener;
    }

    int exists() {
        return this.uids.size();
    }

    long recent() {
        return this.infos.values().stream().filter(i -> i.flags().contains(MessageInfo.RECENT)).count();
    }

    List<Long> uids() {
        return List.copyOf(this.uids);
    }

    MessageInfo info(long uid) {
        MessageInfo info = this.infos.get(uid);
        if (info == null) {
            throw new IllegalArgumentException("no message with UID " + uid);
        }
        return info;
    }

    /** The message number of a UID, or 0. */
    int sequenceOf(long uid) {
        return this.uids.indexOf(uid) + 1;
    }

    long largestUid() {
        return this.uids.isEmpty() ? 0 : this.uids.get(this.uids.size() - 1);
    }

    /**
     * The UIDs a set names, ascending.
     *
     * @throws BadCommandException for a message number past the last message
     */
    List<Long> resolve(SequenceSet set, boolean uid) {
        List<Long> found = new ArrayList<>();
        if (uid) {
            long largest = largestUid();
            for (long u : this.uids) {
                if (set.contains(u, largest)) {
                    found.add(u);
                }
            }
            return found;
        }
        if (!set.isWithin(this.uids.size())) {
            throw new BadCommandException("Invalid message sequence number: " + set);
        }
        set.stream(this.uids.size()).forEach(n -> found.add(this.uids.get((int) n - 1)));
        return found;
    }

    /** The server's own operation changed these messages' flags. */
    void updated(List<MessageInfo> changed) {
        for (MessageInfo info : changed) {
            if (this.infos.containsKey(info.uid())) {
                MessageInfo was = this.infos.get(info.uid());
                this.infos.put(info.uid(), withRecent(info, was.flags().contains(MessageInfo.RECENT)));
                this.pendingFlags.remove(info.uid());
            }
        }
    }

    /**
     * The server's own operation removed a message: forgets it and returns its number, for the
     * {@code EXPUNGE} response the caller writes now; 0 when it was not known.
     */
    int removed(long uid) {
        int index = this.uids.indexOf(uid);
        if (index < 0) {
            return 0;
        }
        this.uids.remove(index);
        this.infos.remove(uid);
        this.pendingFlags.remove(uid);
        this.pendingExpunged.remove(uid);
        return index + 1;
    }

    /**
     * Tells the client what changed elsewhere: {@code EXPUNGE}s (only when allowed), then flag
     * changes as {@code FETCH (FLAGS ...)}, then new messages as {@code EXISTS} and
     * {@code RECENT}.
     */
    void flush(ResponseWriter out, boolean expungesAllowed) {
        if (expungesAllowed) {
            for (long uid : List.copyOf(this.pendingExpunged)) {
                int number = removed(uid);
                if (number > 0) {
                    out.untagged(number + " EXPUNGE");
                }
            }
            this.pendingExpunged.clear();
        }
        for (MessageInfo info : List.copyOf(this.pendingFlags.values())) {
            MessageInfo was = this.infos.get(info.uid());
            if (was != null) {
                MessageInfo now = withRecent(info, was.flags().contains(MessageInfo.RECENT));
                this.infos.put(info.uid(), now);
                out.untagged(sequenceOf(info.uid()) + " FETCH (FLAGS " + ImapFormat.flags(now.flags()) + ")");
            }
        }
        this.pendingFlags.clear();
        boolean grew = false;
        for (MessageInfo info : this.pendingNew) {
            if (!this.infos.containsKey(info.uid()) && info.uid() > largestUid()) {
                this.uids.add(info.uid());
                this.infos.put(info.uid(), info);
                grew = true;
            }
        }
        this.pendingNew.clear();
        if (grew) {
            out.untagged(this.uids.size() + " EXISTS");
            out.untagged(recent() + " RECENT");
        }
    }

    private static MessageInfo withRecent(MessageInfo info, boolean recent) {
        if (info.flags().contains(MessageInfo.RECENT) == recent) {
            return info;
        }
        java.util.Set<String> flags = new java.util.HashSet<>(info.flags());
        if (recent) {
            flags.add(MessageInfo.RECENT);
        }
        else {
            flags.remove(MessageInfo.RECENT);
        }
        return new MessageInfo(info.uid(), flags, info.internalDate(), info.size());
    }

    void close() {
        FolderSession s = this.session;
        this.session = null;
        this.onChange = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void newMessages(List<MessageInfo> messages) {
        this.pendingNew.addAll(messages);
        changed();
    }

    @Override
    public void expunged(List<Long> expunged) {
        this.pendingExpunged.addAll(expunged);
        changed();
    }

    @Override
    public void flagsChanged(List<MessageInfo> messages) {
        for (MessageInfo info : messages) {
            this.pendingFlags.put(info.uid(), info);
        }
        changed();
    }

    private void changed() {
        Runnable r = this.onChange;
        if (r != null) {
            r.run();
        }
    }
}
