package twisted.internet.process;

import java.io.ByteArrayOutputStream;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.error.ConnectionClosedException;

/** Collects stdout for {@link ProcessUtils#getProcessOutput}. Twisted: {@code utils._BackRelay}. */
final class OutputGetter extends ProcessProtocol {

    private final Deferred<byte[]> result;

    private final boolean errortoo;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private @Nullable Deferred<ConnectionClosedException> endedAfterError;

    OutputGetter(Deferred<byte[]> result, boolean errortoo) {
        this.result = result;
        this.errortoo = errortoo;
    }

    @Override
    public void outReceived(byte[] data) {
        this.output.writeBytes(data);
    }

    @Override
    public void errReceived(byte[] data) {
        if (this.errortoo) {
            this.output.writeBytes(data);
            return;
        }
        if (this.result.isCalled()) {
            return;
        }
        Deferred<ConnectionClosedException> ended = new Deferred<>();
        this.endedAfterError = ended;
        this.result.errback(new UnexpectedErrorOutputException(data, ended));
        this.transport.loseConnection();
    }

    @Override
    public void processEnded(Failure reason) {
        if (ProcessUtils.failedToStart(reason, this.result)) {
            return;
        }
        Deferred<ConnectionClosedException> ended = this.endedAfterError;
        if (ended != null) {
            ended.callback((ConnectionClosedException) reason.value());
        }
        else if (!this.result.isCalled()) {
            this.result.callback(this.output.toByteArray());
        }
    }
}
