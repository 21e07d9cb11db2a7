package twisted.cred;

import java.time.Duration;
import java.util.Objects;

/**
 * The peer failed to log in too recently: a {@link LoginThrottle} refused this attempt without
 * checking the credentials, so a guess made now tells the attacker nothing. A client that waits for
 * the answer to its failed attempt before trying again never sees this.
 *
 * <p>Not in Twisted, which leaves throttling to each protocol.
 *
 * @since 0.1.0
 */
public class LoginThrottledException extends LoginFailedException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message which peer, without secrets
     * @param retryAfter how long until the peer may try again
     */
    public LoginThrottledException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * How long until the peer may try again, as it was when the attempt was refused.
     *
     * @return a positive duration
     */
    public Duration getRetryAfter() {
        return this.retryAfter;
    }
}
