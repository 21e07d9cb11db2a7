package twisted.mail.imap;

import org.jspecify.annotations.Nullable;

/**
 * An address of an {@link Envelope}: {@code "Alice" <alice@example.org>} is
 * {@code Address("Alice", "alice", "example.org")}. RFC 2822 group syntax shows as an address
 * with a {@code null} host (the group's start, its name in {@code mailbox}) and one with a
 * {@code null} mailbox (its end).
 *
 * @param name the display name, or {@code null}
 * @param mailbox the local part, or {@code null}
 * @param host the domain, or {@code null}
 * @since 0.1.0
 */
public record Address(@Nullable String name, @Nullable String mailbox, @Nullable String host) {
}
