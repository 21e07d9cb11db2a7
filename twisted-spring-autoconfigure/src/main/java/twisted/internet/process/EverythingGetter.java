package twisted.internet.process;

import java.io.ByteArrayOutputStream;

import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.error.ProcessTerminatedException;

/**
 * Collects stdout, stderr and the exit code for {@link ProcessUtils#getProcessOutputAndValue}.
 * Twisted: {@code utils._EverythingGetter}.
 */
final class EverythingGetter extends ProcessProtocol {

    private final Deferred<ProcessOutputAndValue> result;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    EverythingGetter(Deferred<ProcessOutputAndValue> result) {
        this.result = result;
    }

    @Override
    public void outReceived(byte[] data) {
        this.out.writeBytes(data);
    }

    @Override
    public void errReceived(byte[] data) {
        this.err.writeBytes(data);
    }

    @Override
    public void processEnded(Failure reason) {
        if (ProcessUtils.failedToStart(reason, this.result)) {
            return;
        }
        if (this.result.isCalled()) {
            return;
        }
        byte[] stdout = this.out.toByteArray();
        byte[] stderr = this.err.toByteArray();
        if (reason.value() instanceof ProcessTerminatedException terminated) {
            Integer code = terminated.exitCode();
            if (code == null) {
                this.result.errback(new ProcessSignalException(stdout, stderr, terminated));
            }
            else {
                this.result.callback(new ProcessOutputAndValue(stdout, stderr, code));
            }
        }
        else {
            this.result.callback(new ProcessOutputAndValue(stdout, stderr, 0));
        }
    }
}
