package twisted.mail;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.successResultOf;

class AbstractMailboxTests {

    /** Lists messages named by their sizes; records what each sync hands over. */
    private static final class Listed extends AbstractMailbox<Long> {

        final List<List<Long>> deletions = new ArrayList<>();

        Listed(Long... sizes) {
            super(List.of(sizes), size -> size);
        }

        @Override
        public String getUidl(int index) {
            return "m" + entry(index);
        }

        @Override
        public InputStream getMessage(int index) {
            return InputStream.nullInputStream();
        }

        @Override
        protected Deferred<Void> deleteMarked(List<Long> marked) {
            this.deletions.add(marked);
            return Deferred.succeed(null);
        }
    }

    @Test
    void syncHandsOverTheMarkedMessagesInListOrderOnce() {
        Listed mailbox = new Listed(10L, 20L, 30L);
        mailbox.deleteMessage(2);
        mailbox.deleteMessage(0);
        assertThat(mailbox.isDeleted(0)).isTrue();
        assertThat(mailbox.isDeleted(1)).isFalse();
        assertThat(mailbox.listMessages()).as("deleted messages keep their numbers").containsExactly(10L, 20L, 30L);
        successResultOf(mailbox.sync());
        successResultOf(mailbox.sync());
        assertThat(mailbox.deletions).containsExactly(List.of(10L, 30L));
    }

    @Test
    void undeletingUnmarksEverything() {
        Listed mailbox = new Listed(10L, 20L);
        mailbox.deleteMessage(1);
        mailbox.undeleteMessages();
        successResultOf(mailbox.sync());
        assertThat(mailbox.deletions).containsExactly(List.of());
    }

    @Test
    void anIndexOutsideTheListIsRefused() {
        Listed mailbox = new Listed(10L);
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> mailbox.deleteMessage(1));
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> mailbox.isDeleted(-1));
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> mailbox.getUidl(1));
    }
}
