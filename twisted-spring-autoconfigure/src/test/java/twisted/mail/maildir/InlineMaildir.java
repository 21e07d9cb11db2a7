package twisted.mail.maildir;

import java.nio.file.Path;

import twisted.defer.Deferred;
import twisted.time.ReactorTime;

/** A {@link MaildirStore} whose file work runs inline, for protocol tests in other packages. */
public final class InlineMaildir {

    private InlineMaildir() {
    }

    /**
     * A store on {@code root} that does its blocking work on the caller's thread.
     *
     * @param root the directory
     * @param time the clock for unique names
     * @return the store
     */
    public static MaildirStore store(Path root, ReactorTime time) {
        return new MaildirStore(root, time, Deferred::execute, "test.host");
    }
}
