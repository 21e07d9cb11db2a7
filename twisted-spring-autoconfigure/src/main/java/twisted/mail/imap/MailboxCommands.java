package twisted.mail.imap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import twisted.defer.Deferred;
import twisted.mail.FolderInfo;
import twisted.mail.FolderSession;
import twisted.mail.MailAccount;
import twisted.mail.MessageAppender;
import twisted.mail.MessageInfo;
import twisted.mail.imap.IMAPCommand.StatusItem;

/**
 * The commands on folders as wholes (RFC 3501 sections 6.3 and 6.4.1 to 6.4.2): SELECT, EXAMINE,
 * CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS, APPEND, CHECK, CLOSE,
 * UNSELECT. Each returns the text of its tagged response.
 */
final class MailboxCommands {

    private final IMAPSession session;

    MailboxCommands(IMAPSession session) {
        this.session = session;
    }

    private ResponseWriter out() {
        return this.session.out;
    }

    Deferred<String> select(IMAPCommand.Select c) {
        this.session.unselect();
        SelectedFolder view = new SelectedFolder();
        return IMAPSession.refusals(this.session.account().select(c.mailbox(), c.readOnly(), view).thenApply(folder -> {
            view.open(folder);
            this.session.select(view);
            selected(view, folder);
            return "OK [" + (folder.isReadOnly() ? "READ-ONLY" : "READ-WRITE") + "] "
                    + (c.readOnly() ? "EXAMINE" : "SELECT") + " completed";
        }), false);
    }

    private void selected(SelectedFolder view, FolderSession folder) {
        Set<String> flags = new TreeSet<>(ImapFormat.SYSTEM_FLAGS);
        flags.addAll(folder.keywords());
        out().untagged("FLAGS " + ImapFormat.flags(flags));
        String all = ImapFormat.flags(flags);
        String permanent = folder.isReadOnly() ? "()" : all.substring(0, all.length() - 1) + " \\*)";
        out().untagged("OK [PERMANENTFLAGS " + permanent + "] Flags permitted");
        out().untagged(view.exists() + " EXISTS");
        out().untagged(view.recent() + " RECENT");
        List<Long> uids = view.uids();
        for (int i = 0; i < uids.size(); i++) {
            if (!view.info(uids.get(i)).flags().contains(MessageInfo.SEEN)) {
                out().untagged("OK [UNSEEN " + (i + 1) + "] First unseen");
                break;
            }
        }
        out().untagged("OK [UIDVALIDITY " + folder.uidValidity() + "] UIDs valid");
        out().untagged("OK [UIDNEXT " + folder.uidNext() + "] Predicted next UID");
    }

    Deferred<String> create(IMAPCommand.Create c) {
        String name = c.mailbox();
        char delimiter = this.session.account().delimiter();
        if (name.endsWith(String.valueOf(delimiter))) {
            name = name.substring(0, name.length() - 1);
        }
        return IMAPSession.refusals(this.session.account().create(name).thenApply(v -> "OK CREATE completed"), false);
    }

    Deferred<String> delete(IMAPCommand.Delete c) {
        return IMAPSession.refusals(this.session.account().delete(c.mailbox()).thenApply(v -> "OK DELETE completed"),
                false);
    }

    Deferred<String> rename(IMAPCommand.Rename c) {
        return IMAPSession.refusals(
                this.session.account().rename(c.from(), c.to()).thenApply(v -> "OK RENAME completed"), false);
    }

    Deferred<String> subscribe(IMAPCommand.Subscribe c) {
        MailAccount account = this.session.account();
        Deferred<Void> done = c.subscribe() ? account.subscribe(c.mailbox()) : account.unsubscribe(c.mailbox());
        return IMAPSession.refusals(done.thenApply(v -> "OK " + (c.subscribe() ? "SUBSCRIBE" : "UNSUBSCRIBE")
                + " completed"), false);
    }

    Deferred<String> list(IMAPCommand.ListMailboxes c) {
        MailAccount account = this.session.account();
        char delimiter = account.delimiter();
        String verb = c.subscribedOnly() ? "LSUB" : "LIST";
        String delim = IMAPStrings.string(String.valueOf(delimiter));
        if (c.pattern().isEmpty()) {
            // RFC 3501 6.3.8: the delimiter and the root of the reference
            out().untagged(verb + " (\\Noselect) " + delim + " \"\"");
            return Deferred.succeed("OK " + verb + " completed");
        }
        ListPattern pattern = new ListPattern(c.reference(), c.pattern(), delimiter);
        if (!c.subscribedOnly()) {
            return account.listFolders().thenApply(folders -> {
                List<FolderInfo> sorted = new ArrayList<>(folders);
                sorted.sort(Comparator.comparing(FolderInfo::name));
                for (FolderInfo folder : sorted) {
                    if (pattern.matches(folder.name())) {
                        out().untagged("LIST " + attributes(folder.attributes()) + " " + delim + " "
                                + ImapFormat.mailbox(folder.name()));
                    }
                }
                return "OK LIST completed";
            });
        }
        return account.subscriptions().thenApply(names -> {
            for (String name : new TreeSet<>(names)) {
                if (pattern.matches(name)) {
                    out().untagged("LSUB () " + delim + " " + ImapFormat.mailbox(name));
                }
            }
            return "OK LSUB completed";
        });
    }

    private static String attributes(Set<String> attributes) {
        return "(" + String.join(" ", new TreeSet<>(attributes)) + ")";
    }

    Deferred<String> status(IMAPCommand.Status c) {
        return IMAPSession.refusals(this.session.account().status(c.mailbox()).thenApply(status -> {
            List<String> items = new ArrayList<>();
            for (StatusItem item : c.items()) {
                long value = switch (item) {
                    case MESSAGES -> status.messages();
                    case RECENT -> status.recent();
                    case UIDNEXT -> status.uidNext();
                    case UIDVALIDITY -> status.uidValidity();
                    case UNSEEN -> status.unseen();
                };
                items.add(item.name() + " " + value);
            }
            out().untagged("STATUS " + ImapFormat.mailbox(c.mailbox()) + " (" + String.join(" ", items) + ")");
            return "OK STATUS completed";
        }), false);
    }

    /**
     * {@code APPEND}: the framing has read the whole literal by now, so it is written to the
     * appender in one piece.
     */
    Deferred<String> append(IMAPCommand.Append c) {
        Set<String> flags = new HashSet<>(c.flags());
        java.time.Instant date = (c.internalDate() != null) ? c.internalDate().toInstant() : null;
        Deferred<String> reply = this.session.account().append(c.mailbox(), flags, date)
                .thenCompose(appender -> finish(appender, c.message()))
                .thenApply(result -> "OK [APPENDUID " + result.uidValidity() + " "
                        + ImapFormat.uidSet(result.targetUids()) + "] APPEND completed");
        return IMAPSession.refusals(reply, true);
    }

    private static Deferred<twisted.mail.CopyResult> finish(MessageAppender appender, byte[] message) {
        try {
            appender.write(message);
            return appender.finish();
        }
        catch (RuntimeException ex) {
            appender.abort();
            throw ex;
        }
    }

    Deferred<String> check() {
        return Deferred.succeed("OK CHECK completed");
    }

    /** {@code CLOSE}: removes the {@code \Deleted} messages without telling, then unselects. */
    Deferred<String> close() {
        SelectedFolder view = this.session.selected();
        FolderSession folder = view.session();
        Deferred<?> expunged = folder.isReadOnly() ? Deferred.succeed(null) : folder.expunge(null);
        return expunged.thenApply(ignored -> {
            this.session.unselect();
            return "OK CLOSE completed";
        });
    }

    Deferred<String> unselect() {
        this.session.unselect();
        return Deferred.succeed("OK UNSELECT completed");
    }
}
