package twisted.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class AbstractFolderSessionTests {

    /** A message of the test store: only its UID. */
    private record Stored(long uid) {
    }

    /** Records the calls the base class makes; copies go nowhere but are reported as UIDs 100 and up. */
    private static final class Recording extends AbstractFolderSession<Stored> {

        final List<String> calls = new ArrayList<>();

        Recording(boolean readOnly, FolderListener listener) {
            super("Work", readOnly, listener);
        }

        @Override
        public Set<String> keywords() {
            return Set.of();
        }

        @Override
        public Deferred<MessageContent> content(long uid) {
            return Deferred.succeed(MessageContent.of(new byte[0]));
        }

        @Override
        public Deferred<CopyResult> copy(Collection<Long> uids, String target) {
            this.calls.add("copy " + uids + " to " + target);
            List<Long> given = uids.stream().map(uid -> uid + 100).toList();
            return Deferred.succeed(new CopyResult(7, List.copyOf(uids), given));
        }

        @Override
        public MessageInfo info(Stored message) {
            Set<String> flags = isRecent(message.uid()) ? Set.of(MessageInfo.RECENT) : Set.of();
            return new MessageInfo(message.uid(), flags, Instant.EPOCH, 1);
        }

        @Override
        protected Deferred<List<MessageInfo>> storeFlags(Collection<Long> uids, FlagChange change) {
            this.calls.add("store " + uids);
            return Deferred.succeed(List.of());
        }

        @Override
        protected Deferred<List<Long>> remove(@Nullable Collection<Long> uids, boolean force) {
            this.calls.add("remove " + uids + (force ? " forced" : ""));
            return Deferred.succeed(uids == null ? List.of() : List.copyOf(uids));
        }

        @Override
        protected void detach() {
            this.calls.add("detach");
        }
    }

    /** Records what a listener hears, in order. */
    private static class Heard implements FolderListener {

        final List<String> heard = new ArrayList<>();

        @Override
        public void expunged(List<Long> uids) {
            this.heard.add("expunged " + uids);
        }

        @Override
        public void flagsChanged(List<MessageInfo> messages) {
            this.heard.add("changed " + messages.stream().map(m -> m.uid() + " " + m.flags()).toList());
        }

        @Override
        public void newMessages(List<MessageInfo> messages) {
            this.heard.add("new " + messages.stream().map(m -> m.uid() + " " + m.flags()).toList());
        }
    }

    @Test
    void aReadOnlySessionRefusesChangesBeforeTheStoreSeesThem() {
        Recording session = new Recording(true, new Heard());
        FlagChange seen = new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.SEEN));
        for (Deferred<?> refused : List.of(session.store(List.of(1L), seen), session.expunge(null),
                session.move(List.of(1L), "Archive"))) {
            FolderException ex = (FolderException) failureResultOf(refused, FolderException.class).value();
            assertThat(ex.getReason()).isEqualTo(FolderException.Reason.CANNOT);
            assertThat(ex).hasMessage("Work is selected read-only");
        }
        assertThat(session.calls).isEmpty();
        assertThat(successResultOf(session.copy(List.of(1L), "Archive")).targetUids()).containsExactly(101L);
    }

    @Test
    void aMoveIsACopyThenTheOriginalsRemovedWhateverTheirFlags() {
        Recording session = new Recording(false, new Heard());
        assertThat(successResultOf(session.expunge(List.of(3L)))).containsExactly(3L);
        CopyResult moved = successResultOf(session.move(List.of(1L, 2L), "Archive"));
        assertThat(moved.targetUids()).containsExactly(101L, 102L);
        assertThat(session.calls).containsExactly("remove [3]", "copy [1, 2] to Archive", "remove [1, 2] forced");
    }

    @Test
    void theListenerHearsExpungesThenChangesThenNewMessagesWithThisSessionsRecent() {
        Heard listener = new Heard();
        Recording session = new Recording(false, listener);
        session.opened(7, 4, List.of(new MessageInfo(1, Set.of(), Instant.EPOCH, 1)));
        assertThat(session.uidValidity()).isEqualTo(7);
        assertThat(session.uidNext()).isEqualTo(4);
        assertThat(session.messages()).extracting(MessageInfo::uid).containsExactly(1L);
        session.takeRecent(List.of(3L, 4L));
        session.forget(List.of(4L));
        session.notifyListener(List.of(1L), List.of(new Stored(2)), List.of(new Stored(3), new Stored(4)));
        session.notifyListener(List.of(), List.of(), List.of());
        assertThat(listener.heard).containsExactly("expunged [1]", "changed [2 []]",
                "new [3 [\\Recent], 4 []]");
    }

    @Test
    void aListenerThatThrowsIsLoggedAndNotRethrown() {
        Recording session = new Recording(false, new Heard() {
            @Override
            public void expunged(List<Long> uids) {
                throw new IllegalStateException("listener bug");
            }
        });
        session.notifyListener(List.of(1L), List.of(), List.of());
        assertThat(session.isClosed()).isFalse();
    }

    @Test
    void closingTwiceDetachesOnce() {
        Recording session = new Recording(false, new Heard());
        session.close();
        session.close();
        assertThat(session.isClosed()).isTrue();
        assertThat(session.calls).containsExactly("detach");
    }
}
