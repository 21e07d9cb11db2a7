package twisted.mail.imap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import twisted.defer.Deferred;
import twisted.mail.FlagChange;
import twisted.mail.FolderSession;
import twisted.mail.MessageInfo;

/**
 * The commands on messages of the selected folder other than {@code FETCH} (RFC 3501 section
 * 6.4, RFC 4315, RFC 6851): EXPUNGE, UID EXPUNGE, STORE, COPY, MOVE, SEARCH and their UID forms.
 * Each returns the text of its tagged response.
 */
final class MessageCommands {

    private final IMAPSession session;

    MessageCommands(IMAPSession session) {
        this.session = session;
    }

    private ResponseWriter out() {
        return this.session.out;
    }

    Deferred<String> expunge(IMAPCommand.Expunge c) {
        SelectedFolder view = this.session.selected();
        if (view.session().isReadOnly()) {
            return Deferred.succeed("NO [READ-ONLY] Mailbox is read-only");
        }
        List<Long> only = (c.uids() != null) ? view.resolve(c.uids(), true) : null;
        if (only != null && only.isEmpty()) {
            return Deferred.succeed("OK EXPUNGE completed");
        }
        return view.session().expunge(only).thenApply(removed -> {
            expunged(view, removed);
            return "OK EXPUNGE completed";
        });
    }

    private void expunged(SelectedFolder view, List<Long> removed) {
        for (long uid : removed) {
            int number = view.removed(uid);
            if (number > 0) {
                out().untagged(number + " EXPUNGE");
            }
        }
    }

    Deferred<String> store(IMAPCommand.Store c) {
        SelectedFolder view = this.session.selected();
        if (view.session().isReadOnly()) {
            return Deferred.succeed("NO [READ-ONLY] Mailbox is read-only");
        }
        List<Long> uids = view.resolve(c.set(), c.uid());
        if (uids.isEmpty()) {
            return Deferred.succeed("OK STORE completed");
        }
        FlagChange.Mode mode = switch (c.mode()) {
            case ADD -> FlagChange.Mode.ADD;
            case REMOVE -> FlagChange.Mode.REMOVE;
            case REPLACE -> FlagChange.Mode.REPLACE;
        };
        FlagChange change = new FlagChange(mode, new HashSet<>(c.flags()));
        return IMAPSession.refusals(view.session().store(uids, change).thenApply(changed -> {
            view.updated(changed);
            if (!c.silent()) {
                for (long uid : uids) {
                    int number = view.sequenceOf(uid);
                    if (number > 0) {
                        out().untagged(number + " FETCH (" + (c.uid() ? "UID " + uid + " " : "") + "FLAGS "
                                + ImapFormat.flags(view.info(uid).flags()) + ")");
                    }
                }
            }
            return "OK STORE completed";
        }), false);
    }

    Deferred<String> copy(IMAPCommand.Copy c) {
        SelectedFolder view = this.session.selected();
        String verb = c.move() ? "MOVE" : "COPY";
        if (c.move() && view.session().isReadOnly()) {
            return Deferred.succeed("NO [READ-ONLY] Mailbox is read-only");
        }
        List<Long> uids = view.resolve(c.set(), c.uid());
        if (uids.isEmpty()) {
            return Deferred.succeed("OK " + verb + " completed");
        }
        FolderSession folder = view.session();
        if (!c.move()) {
            return IMAPSession.refusals(folder.copy(uids, c.mailbox()).thenApply(result -> "OK [COPYUID "
                    + result.uidValidity() + " " + ImapFormat.uidSet(result.sourceUids()) + " "
                    + ImapFormat.uidSet(result.targetUids()) + "] COPY completed"), true);
        }
        return IMAPSession.refusals(folder.move(uids, c.mailbox()).thenApply(result -> {
            out().untagged("OK [COPYUID " + result.uidValidity() + " " + ImapFormat.uidSet(result.sourceUids()) + " "
                    + ImapFormat.uidSet(result.targetUids()) + "] Moved");
            expunged(view, result.sourceUids());
            return "OK MOVE completed";
        }), true);
    }

    /**
     * {@code SEARCH}: the keys that need only flags, sizes, dates and numbers are answered here;
     * a key that needs the messages' content is refused with {@code NO [CANNOT]} until
     * {@link #searchContent} is wired to the full evaluator.
     */
    Deferred<String> search(IMAPCommand.Search c) {
        SelectedFolder view = this.session.selected();
        if (InfoSearch.needsContent(c.criteria())) {
            return searchContent(c, view);
        }
        List<Long> uids = view.uids();
        List<String> hits = new ArrayList<>();
        long largestUid = view.largestUid();
        for (int i = 0; i < uids.size(); i++) {
            MessageInfo info = view.info(uids.get(i));
            if (InfoSearch.matches(c.criteria(), i + 1, info, uids.size(), largestUid)) {
                hits.add(String.valueOf(c.uid() ? info.uid() : i + 1));
            }
        }
        out().untagged("SEARCH" + (hits.isEmpty() ? "" : " " + String.join(" ", hits)));
        return Deferred.succeed("OK SEARCH completed");
    }

    /**
     * The hook for {@code SEARCH} keys that read messages ({@code HEADER}, {@code BODY},
     * {@code TEXT}, {@code SENT*}): not yet supported. Wire {@code SearchEvaluator} here: read each
     * candidate's content through {@code view.session().content(uid)}, write {@code * SEARCH}
     * and return the tagged text.
     */
    private Deferred<String> searchContent(IMAPCommand.Search c, SelectedFolder view) {
        return Deferred.succeed("NO [CANNOT] SEARCH by header, body, text or sent date is not yet supported");
    }
}
