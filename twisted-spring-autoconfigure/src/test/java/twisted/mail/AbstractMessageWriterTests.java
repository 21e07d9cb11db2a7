package twisted.mail;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.successResultOf;

class AbstractMessageWriterTests {

    /** Records what the base class hands it. */
    private static final class Recording extends AbstractMessageWriter {

        final List<String> calls = new ArrayList<>();

        Recording(@Nullable String name) {
            super(name);
        }

        @Override
        protected void addLine(byte[] line) {
            this.calls.add("line " + new String(line));
        }

        @Override
        protected Deferred<MessageReceipt> finish() {
            this.calls.add("finish");
            return Deferred.succeed(new MessageReceipt("alice", "1", 3));
        }

        @Override
        protected void drop() {
            this.calls.add("drop");
        }
    }

    @Test
    void linesThenOneEnd() {
        Recording writer = new Recording(null);
        writer.lineReceived("a".getBytes());
        assertThat(successResultOf(writer.eomReceived()).id()).isEqualTo("1");
        writer.connectionLost();
        assertThat(writer.calls).as("a lost connection after the end drops nothing").containsExactly("line a", "finish");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> writer.lineReceived("b".getBytes()))
                .withMessage("lineReceived after the message was completed");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(writer::eomReceived)
                .withMessage("eomReceived after the message was completed");
    }

    @Test
    void aDroppedMessageIsDroppedOnceAndItsErrorsNameIt() {
        Recording writer = new Recording("1700000000.M1P2Q3.host");
        writer.connectionLost();
        writer.connectionLost();
        assertThat(writer.calls).containsExactly("drop");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(writer::eomReceived)
                .withMessage("eomReceived after the message was dropped (1700000000.M1P2Q3.host)");
    }

    @Test
    void aNullLineIsRefused() {
        Recording writer = new Recording(null);
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> writer.lineReceived(null))
                .withMessage("line");
    }
}
