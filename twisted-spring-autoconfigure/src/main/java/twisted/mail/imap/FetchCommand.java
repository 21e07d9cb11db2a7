package twisted.mail.imap;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.mail.FlagChange;
import twisted.mail.FolderException;
import twisted.mail.MessageContent;
import twisted.mail.MessageInfo;

/**
 * {@code FETCH} and {@code UID FETCH} (RFC 3501 section 6.4.5): one untagged {@code FETCH} per
 * message, written one message at a time and only while the transport is writable, so a
 * thousand large messages are never all in memory. {@code \Seen} is set first on a read-write
 * folder when an item asks for it ({@code RFC822}, {@code BODY[...]}), and the new flags are
 * reported with the message.
 *
 * <p>Items that need the message's MIME structure ({@code ENVELOPE}, {@code BODY},
 * {@code BODYSTRUCTURE}, {@code RFC822.HEADER}, {@code RFC822.TEXT}, {@code BODY[section]} other
 * than the whole message) are refused with {@code NO [CANNOT]} until {@link #structured} is wired.
 */
final class FetchCommand {

    private final IMAPSession session;

    private final Supplier<Deferred<Void>> writable;

    FetchCommand(IMAPSession session, Supplier<Deferred<Void>> writable) {
        this.session = session;
        this.writable = writable;
    }

    Deferred<String> fetch(IMAPCommand.Fetch c) {
        SelectedFolder view = this.session.selected();
        for (FetchItem item : c.items()) {
            if (!supported(item)) {
                return Deferred.succeed("NO [CANNOT] FETCH " + item.responseName() + " is not yet supported");
            }
        }
        List<Long> uids = view.resolve(c.set(), c.uid());
        List<FetchItem> items = new ArrayList<>(c.items());
        if (c.uid() && !items.contains(FetchItem.Simple.UID)) {
            items.add(0, FetchItem.Simple.UID);
        }
        boolean seen = !view.session().isReadOnly() && items.stream().anyMatch(FetchItem::setsSeen);
        List<Long> unseen = seen ? uids.stream().filter(u -> !view.info(u).flags().contains(MessageInfo.SEEN)).toList()
                : List.of();
        Deferred<?> marked = unseen.isEmpty() ? Deferred.succeed(null)
                : view.session().store(unseen, new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.SEEN)))
                        .thenApply(changed -> {
                            view.updated(changed);
                            return null;
                        });
        if (!unseen.isEmpty() && !items.contains(FetchItem.Simple.FLAGS)) {
            items.add(FetchItem.Simple.FLAGS);
        }
        boolean[] missing = new boolean[1];
        Deferred<?> chain = marked;
        for (long uid : uids) {
            chain = chain.thenCompose(ignored -> this.writable.get())
                    .thenCompose(ignored -> message(view, uid, items, missing));
        }
        return chain.thenApply(ignored -> missing[0]
                ? "NO [EXPUNGEISSUED] Some of the requested messages no longer exist" : "OK FETCH completed");
    }

    /** Whether the item can be answered without the MIME structure. */
    private static boolean supported(FetchItem item) {
        if (item instanceof FetchItem.BodySection body) {
            return body.section().part().isEmpty() && body.section().text() == null;
        }
        return item == FetchItem.Simple.FLAGS || item == FetchItem.Simple.UID || item == FetchItem.Simple.INTERNALDATE
                || item == FetchItem.Simple.RFC822_SIZE || item == FetchItem.Simple.RFC822;
    }

    private static boolean needsContent(FetchItem item) {
        return item == FetchItem.Simple.RFC822 || item instanceof FetchItem.BodySection;
    }

    private Deferred<Void> message(SelectedFolder view, long uid, List<FetchItem> items, boolean[] missing) {
        int number = view.sequenceOf(uid);
        if (number == 0) {
            return Deferred.succeed(null);
        }
        MessageInfo info = view.info(uid);
        if (items.stream().noneMatch(FetchCommand::needsContent)) {
            write(number, info, items, null);
            return Deferred.succeed(null);
        }
        return view.session().content(uid).thenApply(FetchCommand::read).thenApply(bytes -> {
            write(number, info, items, bytes);
            return (Void) null;
        }).recover(failure -> {
            if (failure.value() instanceof FolderException || failure.value() instanceof IOException) {
                missing[0] = true;
                return null;
            }
            throw failure.raiseException();
        });
    }

    // TODO(#14): MessageContent.open() blocks; read it off the reactor thread (the store's blocking pool).
    private static byte[] read(MessageContent content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }

    private void write(int number, MessageInfo info, List<FetchItem> items, byte @Nullable [] message) {
        List<Object> pieces = new ArrayList<>();
        pieces.add(number + " FETCH (");
        boolean first = true;
        for (FetchItem item : items) {
            pieces.add((first ? "" : " ") + item.responseName() + " ");
            first = false;
            if (item == FetchItem.Simple.UID) {
                pieces.add(String.valueOf(info.uid()));
            }
            else if (item == FetchItem.Simple.FLAGS) {
                pieces.add(ImapFormat.flags(info.flags()));
            }
            else if (item == FetchItem.Simple.INTERNALDATE) {
                pieces.add(ImapFormat.dateTime(info.internalDate()));
            }
            else if (item == FetchItem.Simple.RFC822_SIZE) {
                pieces.add(String.valueOf(info.size()));
            }
            else if (item == FetchItem.Simple.RFC822) {
                pieces.add(message);
            }
            else if (item instanceof FetchItem.BodySection body && message != null) {
                pieces.add(partial(message, body.partial()));
            }
            else {
                pieces.add(structured(item, message));
            }
        }
        pieces.add(")");
        this.session.out.untaggedWithLiterals(pieces);
    }

    private static byte[] partial(byte[] message, FetchItem.@Nullable Partial partial) {
        if (partial == null) {
            return message;
        }
        int start = (int) Math.min(partial.start(), message.length);
        int end = (int) Math.min(message.length, start + partial.length());
        return Arrays.copyOfRange(message, start, end);
    }

    /**
     * The hook for the items that need the MIME structure ({@code ENVELOPE}, {@code BODY},
     * {@code BODYSTRUCTURE}, {@code RFC822.HEADER}, {@code RFC822.TEXT}, {@code BODY[section]}):
     * not yet supported, so {@link #supported} refuses them before any is asked for. Wire
     * {@code MessageStructure} here (returning text or a {@code byte[]} literal) and accept them
     * in {@link #supported}.
     */
    private static Object structured(FetchItem item, byte @Nullable [] message) {
        throw new IllegalStateException("not yet supported: " + item.responseName());
    }
}
