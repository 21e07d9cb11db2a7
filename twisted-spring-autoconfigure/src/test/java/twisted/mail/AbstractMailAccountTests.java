package twisted.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;
import twisted.mail.FolderException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class AbstractMailAccountTests {

    /** Folders by name in memory; records the hooks the base class calls. Names over 20 characters are refused. */
    private static final class Folders extends AbstractMailAccount {

        final Set<String> names = new TreeSet<>(Set.of(FolderHierarchy.INBOX));

        final List<String> calls = new ArrayList<>();

        @Override
        protected String canonical(String name) throws FolderException {
            String refusal = name.length() > 20 ? "too long" : FolderHierarchy.refusal(name);
            if (refusal != null) {
                throw new FolderException(Reason.CANNOT, "refused: " + refusal);
            }
            return FolderHierarchy.canonical(name);
        }

        @Override
        protected Deferred<Set<String>> folderNames() {
            return Deferred.succeed(this.names);
        }

        @Override
        protected Deferred<Void> createFolder(String canonical) {
            this.calls.add("create " + canonical);
            this.names.add(canonical);
            return Deferred.succeed(null);
        }

        @Override
        protected Deferred<Void> deleteFolder(String canonical) {
            this.calls.add("delete " + canonical);
            return Deferred.succeed(null);
        }

        @Override
        protected Deferred<Void> renameFolder(String source, String target) {
            this.calls.add("rename " + source + " to " + target);
            return Deferred.succeed(null);
        }

        @Override
        protected Deferred<Void> renameInbox(String target) {
            this.calls.add("rename INBOX to " + target);
            return Deferred.succeed(null);
        }

        @Override
        protected Deferred<Session> open(String canonical, boolean readOnly, FolderListener listener) {
            this.calls.add("open " + canonical);
            return Deferred.succeed(new Session(canonical, readOnly, listener));
        }

        @Override
        public Deferred<Set<String>> subscriptions() {
            return Deferred.succeed(Set.of());
        }

        @Override
        public Deferred<Void> subscribe(String name) {
            return withName(name, canonical -> Deferred.succeed(null));
        }

        @Override
        public Deferred<Void> unsubscribe(String name) {
            return withName(name, canonical -> Deferred.succeed(null));
        }

        @Override
        public Deferred<FolderStatus> status(String name) {
            return Deferred.succeed(new FolderStatus(0, 0, 1, 1, 0));
        }

        @Override
        public Deferred<MessageAppender> append(String name, Set<String> flags, @Nullable Instant internalDate) {
            return Deferred.fail(new UnsupportedOperationException());
        }
    }

    /** A session with no messages. */
    private static final class Session extends AbstractFolderSession<Long> {

        Session(String name, boolean readOnly, FolderListener listener) {
            super(name, readOnly, listener);
        }

        @Override
        public Set<String> keywords() {
            return Set.of();
        }

        @Override
        public Deferred<MessageContent> content(long uid) {
            return Deferred.fail(new FolderException(Reason.NONEXISTENT, "no message " + uid));
        }

        @Override
        public Deferred<CopyResult> copy(Collection<Long> uids, String target) {
            return Deferred.succeed(new CopyResult(1, List.of(), List.of()));
        }

        @Override
        public MessageInfo info(Long uid) {
            return new MessageInfo(uid, Set.of(), Instant.EPOCH, 0);
        }

        @Override
        protected Deferred<List<MessageInfo>> storeFlags(Collection<Long> uids, FlagChange change) {
            return Deferred.succeed(List.of());
        }

        @Override
        protected Deferred<List<Long>> remove(@Nullable Collection<Long> uids, boolean force) {
            return Deferred.succeed(List.of());
        }

        @Override
        protected void detach() {
        }
    }

    private static final FolderListener DEAF = new FolderListener() {
        @Override
        public void newMessages(List<MessageInfo> messages) {
        }

        @Override
        public void expunged(List<Long> uids) {
        }

        @Override
        public void flagsChanged(List<MessageInfo> messages) {
        }
    };

    private static FolderException refusal(Deferred<?> refused) {
        return (FolderException) failureResultOf(refused, FolderException.class).value();
    }

    @Test
    void inboxInAnyCaseCannotBeCreatedOrDeleted() {
        Folders account = new Folders();
        assertThat(refusal(account.create("inbox"))).hasMessage("INBOX exists")
                .extracting(FolderException::getReason).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(refusal(account.delete("Inbox"))).hasMessage("INBOX cannot be deleted")
                .extracting(FolderException::getReason).isEqualTo(Reason.CANNOT);
        successResultOf(account.create("inbox.Later"));
        assertThat(account.calls).containsExactly("create INBOX.Later");
    }

    @Test
    void aRenameToInboxOrIntoItsOwnSubtreeIsRefusedAndRenamingInboxIsItsOwnCase() {
        Folders account = new Folders();
        assertThat(refusal(account.rename("Work", "inbox"))).hasMessage("cannot rename Work to INBOX")
                .extracting(FolderException::getReason).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(refusal(account.rename("Work", "Work.Old"))).hasMessage("cannot rename Work to Work.Old")
                .extracting(FolderException::getReason).isEqualTo(Reason.CANNOT);
        successResultOf(account.rename("Inbox", "Old"));
        successResultOf(account.rename("Work", "Play"));
        assertThat(account.calls).containsExactly("rename INBOX to Old", "rename Work to Play");
    }

    @Test
    void aNameTheStoreRefusesReachesNoHook() {
        Folders account = new Folders();
        assertThat(refusal(account.create("a..b"))).hasMessage("refused: a level is empty");
        assertThat(refusal(account.select("x".repeat(21), false, DEAF))).hasMessage("refused: too long");
        assertThat(account.calls).isEmpty();
    }

    @Test
    void theListShowsTheStoresFoldersAndTheLevelsAboveThem() {
        Folders account = new Folders();
        successResultOf(account.create("a.b"));
        assertThat(account.delimiter()).isEqualTo('.');
        assertThat(successResultOf(account.listFolders())).extracting(FolderInfo::name)
                .containsExactly("INBOX", "a", "a.b");
    }

    @Test
    void closingTheAccountClosesItsSessionsAndRefusesNewOnes() {
        Folders account = new Folders();
        FolderSession session = successResultOf(account.select("inbox", true, DEAF));
        assertThat(session.name()).isEqualTo("INBOX");
        account.close();
        account.close();
        assertThat(((Session) session).isClosed()).isTrue();
        failureResultOf(account.select("INBOX", true, DEAF), IllegalStateException.class);
    }
}
