package twisted.mail.smtp;

import java.util.Objects;

/**
 * One recipient of a message being received, as {@link MessageDelivery#validateTo} sees it.
 * Twisted: {@code twisted.mail.smtp.User} ({@code dest}, {@code helo}, {@code orig}).
 *
 * @param dest the recipient
 * @param helo the client's {@code HELO}/{@code EHLO} name and address
 * @param orig the sender ({@link Address#NULL} for a bounce)
 * @since 0.1.0
 */
public record User(Address dest, Helo helo, Address orig) {

    /** Checks for nulls. */
    public User {
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(orig, "orig");
    }
}
