package twisted.mail.smtp;

import java.util.Objects;

/**
 * Who the client said it is, and where it connects from. Twisted: the {@code helo} tuple
 * {@code (name, peer address)}.
 *
 * @param name the argument of {@code HELO} or {@code EHLO}
 * @param peerHost the client's IP address, as a string
 * @since 0.1.0
 */
public record Helo(String name, String peerHost) {

    /** Checks for nulls. */
    public Helo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peerHost, "peerHost");
    }
}
