package twisted.mail.maildir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.defer.Deferred;
import twisted.mail.CopyResult;
import twisted.mail.FlagChange;
import twisted.mail.FolderException;
import twisted.mail.FolderException.Reason;
import twisted.mail.FolderInfo;
import twisted.mail.FolderListener;
import twisted.mail.FolderSession;
import twisted.mail.FolderStatus;
import twisted.mail.MailAccount;
import twisted.mail.MailStore.OpenMailbox;
import twisted.mail.MessageAppender;
import twisted.mail.MessageInfo;
import twisted.mail.MessageWriter;
import twisted.testing.Clock;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class MaildirFolderStoreTests {

    private static final Set<String> NONE = Set.of();

    @TempDir
    Path root;

    private final QueuedBlocking blocking = new QueuedBlocking();

    private final Clock clock = new Clock();

    private MaildirStore store;

    private MailAccount account;

    @BeforeEach
    void openAccount() {
        this.clock.advance(1_796_000_000);
        this.store = newStore();
        this.account = done(this.store.openAccount("alice"));
    }

    private MaildirStore newStore() {
        return new MaildirStore(this.root, this.clock, this.blocking, "test.host");
    }

    // ------------------------------------------------------------------ folders

    @Test
    void createMakesADovecotMaildirPlusPlusFolderAndListShowsNoselectParents() throws Exception {
        done(this.account.create("Sent"));
        done(this.account.create("Archive.2024"));

        Path sent = this.root.resolve("alice/.Sent");
        for (String part : List.of("tmp", "new", "cur")) {
            assertThat(sent.resolve(part)).isDirectory();
        }
        assertThat(sent.resolve("maildirfolder")).isRegularFile().isEmptyFile();
        assertThat(Files.readString(sent.resolve("dovecot-uidlist"))).matches("3 V\\d+ N1 G[0-9a-f]{32}\n");
        assertThat(this.root.resolve("alice/.Archive.2024/cur")).isDirectory();
        assertThat(this.root.resolve("alice/.Archive")).doesNotExist();
        assertThat(list()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "INBOX", Set.of("\\HasNoChildren"),
                "Sent", Set.of("\\HasNoChildren", "\\Sent"),
                "Archive", Set.of("\\Noselect", "\\HasChildren"),
                "Archive.2024", Set.of("\\HasNoChildren")));
        assertThat(refusal(this.account.create("Sent"))).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(refusal(this.account.create("inbox"))).isEqualTo(Reason.ALREADY_EXISTS);
    }

    @Test
    void namesAreStoredInModifiedUtf7AsDovecotDoes() throws Exception {
        done(this.account.create("Å résumé&x"));

        assertThat(this.root.resolve("alice/.&AMU- r&AOk-sum&AOk-&-x/cur")).isDirectory();
        assertThat(list()).containsKey("Å résumé&x");
    }

    @Test
    void namesThatCouldEscapeOrHoldControlCharactersAreRefused() throws Exception {
        for (String name : List.of("", "a/b", "../x", ".x", "x.", "a..b", "tab\there", "nul\0", "~x", "del\u007f")) {
            assertThat(refusal(this.account.create(name))).as(name).isEqualTo(Reason.CANNOT);
        }
        try (Stream<Path> all = Files.walk(this.root)) {
            assertThat(all.map(p -> this.root.relativize(p).toString()).filter(p -> p.contains("/.")))
                    .isEmpty();
        }
    }

    @Test
    void deleteRemovesTheFolderAndLeavesAParentWithChildrenAsNoselect() throws Exception {
        done(this.account.create("Archive"));
        done(this.account.create("Archive.2024"));
        done(this.account.create("Sent"));

        done(this.account.delete("Sent"));
        done(this.account.delete("Archive"));

        assertThat(list()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "INBOX", Set.of("\\HasNoChildren"),
                "Archive", Set.of("\\Noselect", "\\HasChildren"),
                "Archive.2024", Set.of("\\HasNoChildren")));
        try (Stream<Path> entries = Files.list(this.root.resolve("alice"))) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")))
                    .containsExactly(".Archive.2024");
        }
        assertThat(refusal(this.account.delete("Archive"))).isEqualTo(Reason.NONEXISTENT);
        assertThat(refusal(this.account.delete("INBOX"))).isEqualTo(Reason.CANNOT);
        assertThat(refusal(this.account.delete("Nope"))).isEqualTo(Reason.NONEXISTENT);
    }

    @Test
    void aSelectedFolderCannotBeDeletedOrRenamed() throws Exception {
        done(this.account.create("Work"));
        FolderSession session = done(this.account.select("Work", false, new Recorder()));

        assertThat(refusal(this.account.delete("Work"))).isEqualTo(Reason.IN_USE);
        assertThat(refusal(this.account.rename("Work", "Play"))).isEqualTo(Reason.IN_USE);
        session.close();
        done(this.account.rename("Work", "Play"));
        assertThat(list()).containsOnlyKeys("INBOX", "Play");
    }

    @Test
    void renameMovesTheFolderAndItsChildrenWithTheirUids() throws Exception {
        done(this.account.create("Archive"));
        done(this.account.create("Archive.2024"));
        append("Archive.2024", "one", Set.of(MessageInfo.SEEN));
        long validity = done(this.account.status("Archive.2024")).uidValidity();

        done(this.account.rename("Archive", "Old.Archive"));

        assertThat(list()).containsOnlyKeys("INBOX", "Old", "Old.Archive", "Old.Archive.2024");
        FolderStatus moved = done(this.account.status("Old.Archive.2024"));
        assertThat(moved.uidValidity()).isEqualTo(validity);
        assertThat(moved.messages()).isEqualTo(1);
        assertThat(refusal(this.account.rename("Nope", "Other"))).isEqualTo(Reason.NONEXISTENT);
        done(this.account.create("Taken"));
        assertThat(refusal(this.account.rename("Old.Archive", "Taken"))).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(refusal(this.account.rename("Taken", "INBOX"))).isEqualTo(Reason.ALREADY_EXISTS);
    }

    @Test
    void renamingInboxMovesItsMessagesToANewFolderAndLeavesInboxEmptyWithItsUidsGoingOn() throws Exception {
        deliver("alice", "one");
        deliver("alice", "two");
        Recorder recorder = new Recorder();
        FolderSession inbox = done(this.account.select("INBOX", false, recorder));
        assertThat(uids(inbox.messages())).containsExactly(1L, 2L);

        done(this.account.rename("INBOX", "Old"));

        assertThat(recorder.events).containsExactly("expunged [1, 2]");
        FolderStatus status = done(this.account.status("INBOX"));
        assertThat(status.messages()).isZero();
        assertThat(status.uidNext()).isEqualTo(3);
        FolderSession old = done(this.account.select("Old", true, new Recorder()));
        assertThat(uids(old.messages())).containsExactly(1L, 2L);
        assertThat(body(old, 1)).contains("Subject: one");
        assertThat(list()).containsOnlyKeys("INBOX", "Old");
    }

    @Test
    void subscriptionsAreKeptInDovecotsFormat() throws Exception {
        done(this.account.subscribe("Sent"));
        done(this.account.subscribe("Archive.2024"));
        done(this.account.subscribe("Å résumé&x"));
        done(this.account.subscribe("Sent"));

        assertThat(Files.readString(this.root.resolve("alice/subscriptions")))
                .isEqualTo("V\t2\n\nSent\nArchive\t2024\n&AMU- r&AOk-sum&AOk-&-x\n");
        assertThat(done(this.account.subscriptions())).containsExactlyInAnyOrder("Sent", "Archive.2024",
                "Å résumé&x");
        done(this.account.unsubscribe("Sent"));
        assertThat(done(newAccount().subscriptions())).containsExactlyInAnyOrder("Archive.2024", "Å résumé&x");
    }

    // ------------------------------------------------------------------ status, select, recent

    @Test
    void statusCountsDeliveriesAsRecentAndUnseenAndWritesTheUidlist() throws Exception {
        String first = deliver("alice", "one");
        String second = deliver("alice", "two");

        FolderStatus status = done(this.account.status("INBOX"));

        assertThat(status.messages()).isEqualTo(2);
        assertThat(status.recent()).isEqualTo(2);
        assertThat(status.unseen()).isEqualTo(2);
        assertThat(status.uidNext()).isEqualTo(3);
        assertThat(status.uidValidity()).isPositive();
        assertThat(Files.readString(this.root.resolve("alice/dovecot-uidlist"))).isEqualTo("3 V"
                + status.uidValidity() + " N3 G" + guid("alice") + "\n1 :" + first + "\n2 :" + second + "\n");
        assertThat(refusal(this.account.status("Nope"))).isEqualTo(Reason.NONEXISTENT);
    }

    @Test
    void aReadOnlySelectTakesNoRecentAndAReadWriteSelectTakesAllAndMovesThemToCur() throws Exception {
        String first = deliver("alice", "one");
        deliver("alice", "two");

        FolderSession examined = done(this.account.select("INBOX", true, new Recorder()));
        assertThat(examined.messages()).allSatisfy(m -> assertThat(m.flags()).isEmpty());
        assertThat(files("alice/new")).hasSize(2);

        FolderSession selected = done(this.account.select("INBOX", false, new Recorder()));
        assertThat(selected.messages()).allSatisfy(m -> assertThat(m.flags()).containsExactly(MessageInfo.RECENT));
        assertThat(files("alice/new")).isEmpty();
        assertThat(files("alice/cur")).contains(first + ":2,");

        FolderSession second = done(newAccount().select("INBOX", false, new Recorder()));
        assertThat(second.messages()).allSatisfy(m -> assertThat(m.flags()).isEmpty());
        assertThat(done(this.account.status("INBOX")).recent()).isZero();
        assertThat(refusal(this.account.select("Nope", false, new Recorder()))).isEqualTo(Reason.NONEXISTENT);
    }

    // ------------------------------------------------------------------ append, store, expunge

    @Test
    void appendStoresFlagsKeywordsAndTheDateInTheFile() throws Exception {
        done(this.account.create("Sent"));
        Instant date = Instant.parse("2024-03-01T10:15:30Z");
        MessageAppender appender = done(this.account.append("Sent", Set.of(MessageInfo.SEEN, "$Forwarded"), date));
        appender.write("Subject: hi\r\n".getBytes(StandardCharsets.US_ASCII));
        appender.write("\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        CopyResult result = done(appender.finish());

        long validity = done(this.account.status("Sent")).uidValidity();
        assertThat(result).isEqualTo(new CopyResult(validity, List.of(), List.of(1L)));
        List<String> cur = files("alice/.Sent/cur");
        assertThat(cur).singleElement().asString().endsWith(":2,Sa");
        Path file = this.root.resolve("alice/.Sent/cur").resolve(cur.get(0));
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(FileTime.from(date));
        assertThat(Files.readString(this.root.resolve("alice/.Sent/dovecot-keywords"))).isEqualTo("0 $Forwarded\n");
        assertThat(files("alice/.Sent/tmp")).isEmpty();

        FolderSession sent = done(this.account.select("Sent", true, new Recorder()));
        assertThat(sent.messages()).containsExactly(new MessageInfo(1, Set.of(MessageInfo.SEEN, "$Forwarded"), date,
                "Subject: hi\r\n\r\nbody\r\n".length()));
        assertThat(sent.keywords()).containsExactly("$Forwarded");
        assertThat(refusal(this.account.append("Nope", NONE, null))).isEqualTo(Reason.NONEXISTENT);
    }

    @Test
    void anAbortedAppendLeavesNothing() throws Exception {
        MessageAppender appender = done(this.account.append("INBOX", NONE, null));
        appender.write("Subject: x\r\n".getBytes(StandardCharsets.US_ASCII));
        appender.abort();
        this.blocking.runAll();

        assertThat(files("alice/tmp")).isEmpty();
        assertThat(files("alice/cur")).isEmpty();
        assertThat(done(this.account.status("INBOX")).messages()).isZero();
    }

    @Test
    void storeAddsRemovesAndReplacesFlagsAndKeywordsInTheFileName() throws Exception {
        deliver("alice", "one");
        deliver("alice", "two");
        FolderSession inbox = done(this.account.select("INBOX", false, new Recorder()));

        List<MessageInfo> added = done(inbox.store(List.of(1L, 2L, 99L),
                new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.FLAGGED, "todo"))));
        assertThat(added).extracting(MessageInfo::uid).containsExactly(1L, 2L);
        assertThat(added.get(0).flags()).containsExactlyInAnyOrder(MessageInfo.FLAGGED, "todo", MessageInfo.RECENT);
        assertThat(letters()).containsExactly("Fa", "Fa");

        done(inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.REMOVE, Set.of("todo"))));
        done(inbox.store(List.of(2L), new FlagChange(FlagChange.Mode.REPLACE,
                Set.of(MessageInfo.SEEN, MessageInfo.ANSWERED, MessageInfo.DRAFT, MessageInfo.DELETED, "later"))));
        assertThat(letters()).containsExactly("F", "DRSTb");
        assertThat(Files.readString(this.root.resolve("alice/dovecot-keywords"))).isEqualTo("0 todo\n1 later\n");
        assertThat(inbox.keywords()).containsExactly("todo", "later");

        FolderSession readOnly = done(newAccount().select("INBOX", true, new Recorder()));
        assertThat(refusal(readOnly.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.SEEN)))))
                .isEqualTo(Reason.CANNOT);
    }

    @Test
    void expungeRemovesDeletedMessagesAllOrByUid() throws Exception {
        for (int i = 0; i < 4; i++) {
            deliver("alice", "m" + i);
        }
        FolderSession inbox = done(this.account.select("INBOX", false, new Recorder()));
        done(inbox.store(List.of(1L, 2L, 4L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.DELETED))));

        assertThat(done(inbox.expunge(List.of(2L, 3L)))).containsExactly(2L);
        assertThat(done(inbox.expunge(null))).containsExactly(1L, 4L);

        assertThat(files("alice/cur")).hasSize(1);
        assertThat(Files.readString(this.root.resolve("alice/dovecot-uidlist"))).contains("\n3 :").doesNotContain(
                "\n1 :");
        assertThat(failureResultOf(inbox.content(1), FolderException.class).value())
                .hasMessageContaining("expunged");
        FolderStatus status = done(this.account.status("INBOX"));
        assertThat(status.messages()).isEqualTo(1);
        assertThat(status.uidNext()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ copy, move

    @Test
    void copyAndMoveGiveUidplusResultsAndCarryFlagsAndKeywords() throws Exception {
        deliver("alice", "one");
        deliver("alice", "two");
        deliver("alice", "three");
        done(this.account.create("Keep"));
        append("Keep", "already there", Set.of("other"));
        FolderSession inbox = done(this.account.select("INBOX", false, new Recorder()));
        done(inbox.store(List.of(2L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.SEEN, "todo"))));
        Recorder keep = new Recorder();
        FolderSession target = done(newAccount().select("Keep", false, keep));

        CopyResult copied = done(inbox.copy(List.of(1L, 2L, 42L), "Keep"));
        long validity = target.uidValidity();
        assertThat(copied).isEqualTo(new CopyResult(validity, List.of(1L, 2L), List.of(2L, 3L)));
        assertThat(keep.events).containsExactly("new 2 [\\Recent], 3 [$, \\Recent, \\Seen, todo]"
                .replace("$, ", ""));
        assertThat(body(target, 3)).contains("Subject: two");
        assertThat(Files.readString(this.root.resolve("alice/.Keep/dovecot-keywords"))).isEqualTo(
                "0 other\n1 todo\n");

        CopyResult moved = done(inbox.move(List.of(2L, 3L), "Keep"));
        assertThat(moved).isEqualTo(new CopyResult(validity, List.of(2L, 3L), List.of(4L, 5L)));
        assertThat(uids(done(this.account.select("INBOX", true, new Recorder())).messages())).containsExactly(1L);
        assertThat(refusal(inbox.copy(List.of(1L), "Nope"))).isEqualTo(Reason.NONEXISTENT);
    }

    @Test
    void aCopyIntoTheSessionsOwnFolderReachesItsOwnListenerAndAReadOnlySessionCannotMove() throws Exception {
        deliver("alice", "one");
        Recorder own = new Recorder();
        FolderSession inbox = done(this.account.select("INBOX", false, own));

        CopyResult copied = done(inbox.copy(List.of(1L), "INBOX"));

        assertThat(copied.targetUids()).containsExactly(2L);
        assertThat(own.events).containsExactly("new 2 [\\Recent]");
        FolderSession readOnly = done(newAccount().select("INBOX", true, new Recorder()));
        assertThat(refusal(readOnly.move(List.of(1L), "INBOX"))).isEqualTo(Reason.CANNOT);
        assertThat(refusal(readOnly.expunge(null))).isEqualTo(Reason.CANNOT);
        done(this.account.create("Old"));
        inbox.close();
        assertThat(refusal(this.account.rename("INBOX", "Old"))).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(done(this.account.status("INBOX")).messages()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ persistence

    @Test
    void uidsFlagsAndUidValiditySurviveARestart() throws Exception {
        deliver("alice", "one");
        deliver("alice", "two");
        done(this.account.create("Sent"));
        append("Sent", "sent", Set.of(MessageInfo.SEEN, "$Label1"));
        FolderSession inbox = done(this.account.select("INBOX", false, new Recorder()));
        done(inbox.store(List.of(2L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.FLAGGED, "x"))));
        done(inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.DELETED))));
        done(inbox.expunge(null));
        List<MessageInfo> before = withoutRecent(inbox.messages());
        long validity = inbox.uidValidity();
        this.account.close();

        this.store = newStore();
        MailAccount again = done(this.store.openAccount("alice"));
        deliver("alice", "three");
        FolderSession after = done(again.select("INBOX", false, new Recorder()));

        assertThat(after.uidValidity()).isEqualTo(validity);
        assertThat(uids(after.messages())).containsExactly(2L, 3L);
        assertThat(after.messages().get(0).flags()).containsExactlyInAnyOrder(MessageInfo.FLAGGED, "x");
        assertThat(after.uidNext()).isEqualTo(4);
        assertThat(before).isNotEmpty();
        FolderSession sent = done(again.select("Sent", true, new Recorder()));
        assertThat(sent.messages()).singleElement().satisfies(m -> assertThat(m.flags())
                .containsExactlyInAnyOrder(MessageInfo.SEEN, "$Label1"));
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void oneSessionsStoreAndExpungeReachTheOtherSessionsListenerAndNotItsOwn() throws Exception {
        deliver("alice", "one");
        deliver("alice", "two");
        Recorder mine = new Recorder();
        Recorder theirs = new Recorder();
        FolderSession first = done(this.account.select("INBOX", false, mine));
        done(newAccount().select("INBOX", false, theirs));

        done(first.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.DELETED))));
        done(first.expunge(null));

        assertThat(mine.events).isEmpty();
        assertThat(theirs.events).containsExactly("flags 1 [\\Deleted]", "expunged [1]");
    }

    @Test
    void anSmtpDeliveryReachesASelectedInboxWithItsUidAndRecent() throws Exception {
        Recorder writer = new Recorder();
        Recorder reader = new Recorder();
        done(this.account.select("INBOX", false, writer));
        done(newAccount().select("INBOX", true, reader));

        deliver("alice", "fresh");

        assertThat(writer.events).containsExactly("new 1 [\\Recent]");
        assertThat(reader.events).containsExactly("new 1 []");
        assertThat(files("alice/new")).isEmpty();
    }

    @Test
    void aPop3DeletionReachesAnImapSessionAsAnExpunge() throws Exception {
        deliver("alice", "one");
        deliver("alice", "two");
        Recorder recorder = new Recorder();
        done(this.account.select("INBOX", false, recorder));

        OpenMailbox pop = done(this.store.openMailbox("alice"));
        assertThat(pop.mailbox().listMessages()).hasSize(2);
        pop.mailbox().deleteMessage(0);
        done(pop.mailbox().sync());

        assertThat(recorder.events).containsExactly("expunged [1]");
        assertThat(uids(done(this.account.select("INBOX", true, new Recorder())).messages())).containsExactly(2L);
    }

    @Test
    void pop3ReadsMessagesImapMovedAndFlagged() throws Exception {
        deliver("alice", "one");
        FolderSession inbox = done(this.account.select("INBOX", false, new Recorder()));
        done(inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.SEEN))));

        OpenMailbox pop = done(this.store.openMailbox("alice"));
        assertThat(new String(pop.mailbox().getMessage(0).readAllBytes(), StandardCharsets.US_ASCII))
                .startsWith("Subject: one");
    }

    @Test
    void aDeliveryOnARealReactorWakesASelectedSession() throws Exception {
        try (RunningReactor running = RunningReactor.start()) {
            MaildirStore real = new MaildirStore(this.root, running.reactor());
            CompletableFuture<List<MessageInfo>> woken = new CompletableFuture<>();
            FolderListener listener = new Recorder() {
                @Override
                public void newMessages(List<MessageInfo> messages) {
                    woken.complete(messages);
                }
            };
            FolderSession session = running.call(() -> real.openAccount("bob")
                    .thenCompose(account -> account.select("INBOX", false, listener)));
            assertThat(session.messages()).isEmpty();

            running.call(() -> {
                MessageWriter writer = real.newMessage("bob");
                writer.lineReceived("Subject: idle".getBytes(StandardCharsets.US_ASCII));
                return writer.eomReceived();
            });

            List<MessageInfo> messages = woken.get(10, TimeUnit.SECONDS);
            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m.uid()).isEqualTo(1);
                assertThat(m.flags()).containsExactly(MessageInfo.RECENT);
            });
        }
    }

    @Test
    void changesAnotherProgramMadeUnderneathAreReadOnTheNextSelectAndToldToOpenSessions() throws Exception {
        String first = deliver("alice", "one");
        String second = deliver("alice", "two");
        Recorder open = new Recorder();
        FolderSession session = done(this.account.select("INBOX", false, open));
        Path cur = this.root.resolve("alice/cur");
        // what Dovecot would do: flag one, expunge the other, save a new one straight into cur
        Files.move(cur.resolve(first + ":2,"), cur.resolve(first + ":2,FS"));
        Files.delete(cur.resolve(second + ":2,"));
        Files.writeString(cur.resolve("1796999999.M1P1.elsewhere,S=3,W=3:2,S"), "x\r\n");

        FolderSession again = done(newAccount().select("INBOX", false, new Recorder()));

        assertThat(open.events).containsExactly("expunged [2]", "flags 1 [\\Flagged, \\Recent, \\Seen]",
                "new 3 [\\Seen]");
        assertThat(again.messages()).extracting(MessageInfo::uid).containsExactly(1L, 3L);
        assertThat(session.messages()).extracting(MessageInfo::uid).as("its own view, as at selection")
                .containsExactly(1L, 2L);
    }

    @Test
    void aFolderHoldsAtMostTwentySixKeywordsAndOnlyAtoms() throws Exception {
        deliver("alice", "one");
        FolderSession inbox = done(this.account.select("INBOX", false, new Recorder()));
        Set<String> many = new java.util.HashSet<>();
        for (int i = 0; i < 26; i++) {
            many.add("k" + i);
        }
        done(inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, many)));

        assertThat(refusal(inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of("k26")))))
                .isEqualTo(Reason.LIMIT);
        assertThat(refusal(inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of("k0", "bad]")))))
                .isEqualTo(Reason.CANNOT);
        assertThat(MaildirFlags.lettersOf(files("alice/cur").get(0))).isEqualTo("abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void theSharedStateIsDroppedOnceNoSessionHoldsItAndReadAgainAfter() throws Exception {
        deliver("alice", "one");
        Path inbox = this.root.resolve("alice");
        FolderSession first = done(this.account.select("INBOX", false, new Recorder()));
        FolderSession second = done(newAccount().select("INBOX", true, new Recorder()));
        assertThat(this.store.inUse(inbox)).isTrue();

        first.close();
        first.close();
        assertThat(this.store.inUse(inbox)).isTrue();
        second.close();
        assertThat(this.store.inUse(inbox)).isFalse();
        done(this.account.status("INBOX"));
        assertThat(this.store.inUse(inbox)).isFalse();

        deliver("alice", "two"); // nobody listening: nothing read until the next use
        assertThat(this.blocking.queued()).isZero();
        assertThat(uids(done(this.account.select("INBOX", false, new Recorder())).messages())).containsExactly(1L, 2L);
    }

    @Test
    void closingTheAccountClosesItsSessions() throws Exception {
        Recorder recorder = new Recorder();
        done(this.account.select("INBOX", false, recorder));
        this.account.close();
        this.account.close();

        deliver("alice", "one");

        assertThat(recorder.events).isEmpty();
        assertThat(this.store.inUse(this.root.resolve("alice"))).isFalse();
    }

    @Test
    void concurrentDeliveriesAppendsAndStoresOnARealReactorReachEverySessionOnceInUidOrder() throws Exception {
        try (RunningReactor running = RunningReactor.start()) {
            MaildirStore real = new MaildirStore(this.root, running.reactor());
            int deliveries = 40;
            int appends = 10;
            CompletableFuture<Void> allSeen = new CompletableFuture<>();
            List<Long> heard = new ArrayList<>();
            List<String> flagged = new ArrayList<>();
            FolderListener watcher = new Recorder() {
                @Override
                public void newMessages(List<MessageInfo> messages) {
                    messages.forEach(m -> heard.add(m.uid()));
                    if (heard.size() == deliveries + appends) {
                        allSeen.complete(null);
                    }
                }

                @Override
                public void flagsChanged(List<MessageInfo> messages) {
                    messages.forEach(m -> flagged.add(m.uid() + " " + m.flags().stream().sorted().toList()));
                }
            };
            MailAccount writerAccount = running.call(() -> real.openAccount("carol"));
            FolderSession writer = running.call(() -> writerAccount.select("INBOX", false, new Recorder()));
            running.call(() -> real.openAccount("carol").thenCompose(a -> a.select("INBOX", true, watcher)));

            running.call(() -> {
                List<Deferred<?>> all = new ArrayList<>();
                for (int i = 0; i < deliveries; i++) {
                    MessageWriter message = real.newMessage("carol");
                    message.lineReceived(("Subject: " + i).getBytes(StandardCharsets.US_ASCII));
                    all.add(message.eomReceived());
                    if (i < appends) {
                        all.add(writerAccount.append("INBOX", Set.of("k" + i), null).thenCompose(appender -> {
                            appender.write("Subject: appended\r\n".getBytes(StandardCharsets.US_ASCII));
                            return appender.finish();
                        }));
                    }
                }
                return Deferred.succeed(all.size());
            });
            allSeen.get(20, TimeUnit.SECONDS);
            List<MessageInfo> flags = running.call(() -> writer.store(List.of(1L, 2L),
                    new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.SEEN))));
            List<String> expectedFlags = new ArrayList<>();
            for (MessageInfo message : flags) {
                expectedFlags.add(message.uid() + " " + message.flags().stream()
                        .filter(f -> !f.equals(MessageInfo.RECENT)).sorted().toList());
            }
            running.run(() -> { }); // the store's notices ran before its Deferred fired

            assertThat(heard).as("every message once, in UID order").hasSize(deliveries + appends)
                    .isSorted().doesNotHaveDuplicates();
            assertThat(heard.get(heard.size() - 1)).isEqualTo(deliveries + appends);
            assertThat(flagged).isEqualTo(expectedFlags);
            try (Stream<String> lines = Files.lines(this.root.resolve("carol/dovecot-uidlist"))) {
                assertThat(lines.count()).isEqualTo(1 + deliveries + appends);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private <T> T done(Deferred<T> deferred) {
        this.blocking.runAll();
        return successResultOf(deferred);
    }

    private Reason refusal(Deferred<?> deferred) {
        this.blocking.runAll();
        return ((FolderException) failureResultOf(deferred, FolderException.class).value()).getReason();
    }

    private MailAccount newAccount() {
        return done(this.store.openAccount("alice"));
    }

    private Map<String, Set<String>> list() {
        return done(this.account.listFolders()).stream()
                .collect(Collectors.toMap(FolderInfo::name, FolderInfo::attributes));
    }

    private String deliver(String user, String subject) {
        MessageWriter writer = this.store.newMessage(user);
        writer.lineReceived(("Subject: " + subject).getBytes(StandardCharsets.US_ASCII));
        writer.lineReceived(new byte[0]);
        writer.lineReceived("body".getBytes(StandardCharsets.US_ASCII));
        this.clock.advance(1);
        return done(writer.eomReceived()).id();
    }

    private void append(String folder, String subject, Set<String> flags) {
        MessageAppender appender = done(this.account.append(folder, flags, null));
        appender.write(("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
        done(appender.finish());
    }

    private String body(FolderSession session, long uid) throws Exception {
        try (var in = done(session.content(uid)).open()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private List<String> files(String directory) throws Exception {
        try (Stream<Path> entries = Files.list(this.root.resolve(directory))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The flag letters of INBOX's files in cur, in delivery order. */
    private List<String> letters() throws Exception {
        TreeMap<String, String> byName = new TreeMap<>(MaildirNames.DELIVERY_ORDER);
        for (String name : files("alice/cur")) {
            byName.put(MaildirNames.uniqueOf(name), MaildirFlags.lettersOf(name));
        }
        return new ArrayList<>(byName.values());
    }

    private String guid(String user) throws Exception {
        String header = Files.readAllLines(this.root.resolve(user).resolve("dovecot-uidlist")).get(0);
        return header.substring(header.indexOf(" G") + 2);
    }

    private static List<Long> uids(List<MessageInfo> messages) {
        return messages.stream().map(MessageInfo::uid).toList();
    }

    private static List<MessageInfo> withoutRecent(List<MessageInfo> messages) {
        return messages.stream().map(m -> new MessageInfo(m.uid(), m.flags().stream()
                .filter(f -> !f.equals(MessageInfo.RECENT)).collect(Collectors.toSet()), m.internalDate(), m.size()))
                .toList();
    }

    /** Records what a listener hears, one line per call, flags sorted. */
    static class Recorder implements FolderListener {

        final List<String> events = new ArrayList<>();

        @Override
        public void newMessages(List<MessageInfo> messages) {
            this.events.add("new " + describe(messages));
        }

        @Override
        public void expunged(List<Long> uids) {
            this.events.add("expunged " + uids);
        }

        @Override
        public void flagsChanged(List<MessageInfo> messages) {
            this.events.add("flags " + describe(messages));
        }

        private static String describe(List<MessageInfo> messages) {
            return messages.stream().map(m -> m.uid() + " " + m.flags().stream().sorted().toList())
                    .collect(Collectors.joining(", "));
        }
    }
}
