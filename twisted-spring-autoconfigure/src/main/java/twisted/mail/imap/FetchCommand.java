package twisted.mail.imap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * {@code BODYSTRUCTURE}, {@code RFC822.HEADER}, {@code RFC822.TEXT}, {@code BODY[section]}) are
 * answered from a {@link MessageStructure}; the message is read and parsed off the reactor thread.
 */
final class FetchCommand {

    private final IMAPSession session;

    private final IMAPFactory factory;

    private final Supplier<Deferred<Void>> writable;

    FetchCommand(IMAPSession session, IMAPFactory factory, Supplier<Deferred<Void>> writable) {
        this.session = session;
        this.factory = factory;
        this.writable = writable;
    }

    Deferred<String> fetch(IMAPCommand.Fetch c) {
        SelectedFolder view = this.session.selected();
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

    private static boolean needsContent(FetchItem item) {
        return item instanceof FetchItem.BodySection || (item != FetchItem.Simple.FLAGS && item != FetchItem.Simple.UID
                && item != FetchItem.Simple.INTERNALDATE && item != FetchItem.Simple.RFC822_SIZE);
    }

    private static boolean needsStructure(FetchItem item) {
        if (item instanceof FetchItem.BodySection body) {
            return !body.section().part().isEmpty() || body.section().text() != null;
        }
        return needsContent(item) && item != FetchItem.Simple.RFC822;
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
        boolean structure = items.stream().anyMatch(FetchCommand::needsStructure);
        return view.session().content(uid)
                .thenCompose(content -> this.factory.blocking(() -> Read.of(content, structure)))
                .thenApply(read -> {
                    write(number, info, items, read);
                    return (Void) null;
                }).recover(failure -> {
            if (failure.value() instanceof FolderException || failure.value() instanceof IOException) {
                missing[0] = true;
                return null;
            }
            throw failure.raiseException();
        });
    }

    /** A message as read off the reactor thread: its bytes, and its structure when an item needs it. */
    private record Read(byte[] bytes, @Nullable MessageStructure structure) {

        static Read of(MessageContent content, boolean parse) throws IOException {
            byte[] bytes = MessageCommands.readAll(content);
            return new Read(bytes, parse ? MessageStructure.parse(bytes) : null);
        }
    }

    private void write(int number, MessageInfo info, List<FetchItem> items, @Nullable Read read) {
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
                pieces.add(Objects.requireNonNull(read).bytes());
            }
            else {
                pieces.add(structured(item, Objects.requireNonNull(read)));
            }
        }
        pieces.add(")");
        this.session.out.untaggedWithLiterals(pieces);
    }

    /** An item answered from the message: a section's bytes (a literal) or a structure's text. */
    private static Object structured(FetchItem item, Read read) {
        if (item instanceof FetchItem.BodySection body) {
            byte[] section = needsStructure(item) ? Objects.requireNonNull(read.structure()).section(body.section())
                    : read.bytes();
            return (body.partial() != null) ? MessageStructure.partial(section, body.partial()) : section;
        }
        MessageStructure structure = Objects.requireNonNull(read.structure());
        if (item == FetchItem.Simple.ENVELOPE) {
            return structure.envelope();
        }
        if (item == FetchItem.Simple.BODYSTRUCTURE) {
            return structure.bodyStructure();
        }
        if (item == FetchItem.Simple.BODY) {
            return structure.body();
        }
        if (item == FetchItem.Simple.RFC822_HEADER) {
            return structure.section(new FetchItem.Section(List.of(), FetchItem.SectionText.HEADER, List.of()));
        }
        if (item == FetchItem.Simple.RFC822_TEXT) {
            return structure.section(new FetchItem.Section(List.of(), FetchItem.SectionText.TEXT, List.of()));
        }
        throw new IllegalStateException("not a content item: " + item.responseName());
    }
}
