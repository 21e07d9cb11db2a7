package twisted.internet.process;

import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.error.ProcessTerminatedException;

/** Waits for the exit code for {@link ProcessUtils#getProcessValue}. Twisted: {@code utils._ValueGetter}. */
final class ValueGetter extends ProcessProtocol {

    private final Deferred<Integer> result;

    ValueGetter(Deferred<Integer> result) {
        this.result = result;
    }

    @Override
    public void processEnded(Failure reason) {
        if (ProcessUtils.failedToStart(reason, this.result)) {
            return;
        }
        if (this.result.isCalled()) {
            return;
        }
        if (reason.value() instanceof ProcessTerminatedException terminated) {
            Integer code = terminated.exitCode();
            if (code == null) {
                this.result.errback(reason);
            }
            else {
                this.result.callback(code);
            }
        }
        else {
            this.result.callback(0);
        }
    }
}
