package twisted.mail.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import twisted.defer.Deferred;
import twisted.mail.FlagChange;
import twisted.mail.FolderException;
import twisted.mail.FolderSession;
import twisted.mail.MessageContent;
import twisted.mail.MessageInfo;

/**
 * The commands on messages of the selected folder other than {@code FETCH} (RFC 3501 section
 * 6.4, RFC 4315, RFC 6851): EXPUNGE, UID EXPUNGE, STORE, COPY, MOVE, SEARCH and their UID forms.
 * Each returns the text of its tagged response.
 */
final class MessageCommands {

    private final IMAPSession session;

    private final IMAPFactory factory;

    MessageCommands(IMAPSession session, IMAPFactory factory) {
        this.session = session;
        this.factory = factory;
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
     * {@code SEARCH} through {@link SearchEvaluator}: keys that need only flags, sizes, dates and
     * numbers are answered at once; keys that read messages ({@code HEADER}, {@code BODY},
     * {@code TEXT}, {@code SENT*}) read and parse each candidate off the reactor thread, one at a
     * time, only its header unless a key reads the body. A message expunged meanwhile by another session is left out.
     */
    Deferred<String> search(IMAPCommand.Search c) {
        SelectedFolder view = this.session.selected();
        List<Long> uids = view.uids();
        long largestUid = view.largestUid();
        List<String> hits = new ArrayList<>();
        if (!SearchEvaluator.needsContent(c.criteria())) {
            for (int i = 0; i < uids.size(); i++) {
                MessageInfo info = view.info(uids.get(i));
                if (SearchEvaluator.matches(c.criteria(), i + 1, info, largestUid, uids.size(), SearchEvaluator.NO_CONTENT)) {
                    hits.add(String.valueOf(c.uid() ? info.uid() : i + 1));
                }
            }
            return Deferred.succeed(searched(hits));
        }
        boolean body = SearchEvaluator.needsBody(c.criteria());
        Deferred<?> chain = Deferred.succeed(null);
        for (int i = 0; i < uids.size(); i++) {
            int number = i + 1;
            long uid = uids.get(i);
            chain = chain.thenCompose(ignored -> view.session().content(uid))
                    .thenCompose(content -> this.factory.blocking(
                            () -> MessageStructure.parse(body ? readAll(content) : readHeader(content))))
                    .thenApply(structure -> {
                        MessageInfo info = view.info(uid);
                        if (SearchEvaluator.matches(c.criteria(), number, info, largestUid, uids.size(), () -> structure)) {
                            hits.add(String.valueOf(c.uid() ? uid : number));
                        }
                        return null;
                    })
                    .recover(failure -> {
                        if (failure.value() instanceof FolderException || failure.value() instanceof IOException) {
                            return null; // expunged meanwhile
                        }
                        throw failure.raiseException();
                    });
        }
        return chain.thenApply(ignored -> searched(hits));
    }

    private String searched(List<String> hits) {
        out().untagged("SEARCH" + (hits.isEmpty() ? "" : " " + String.join(" ", hits)));
        return "OK SEARCH completed";
    }

    /** The most of a header read for a header-only search; a longer one is searched as far as that. */
    private static final int MAX_HEADER = 1 << 20;

    /**
     * A message's header and the empty line after it, without the body: what header-only search
     * keys need. Blocks, so called on the thread pool.
     */
    static byte[] readHeader(MessageContent content) throws IOException {
        try (InputStream in = new BufferedInputStream(content.open(), 8192)) {
            ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
            int previous = '\n'; // the message starts a line: an empty first line is an empty header
            int beforePrevious = -1;
            for (int b = in.read(); b >= 0 && header.size() < MAX_HEADER; b = in.read()) {
                header.write(b);
                boolean blankLine = b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n'));
                if (blankLine) {
                    break;
                }
                beforePrevious = previous;
                previous = b;
            }
            return header.toByteArray();
        }
    }

    /** A message's bytes; blocks, so called on the thread pool. */
    static byte[] readAll(MessageContent content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }
}
