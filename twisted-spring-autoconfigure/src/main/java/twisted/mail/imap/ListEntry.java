package twisted.mail.imap;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One line of {@code LIST}, as {@link IMAP4Client#list} returns it.
 *
 * @param attributes the name attributes ({@code \HasNoChildren}, {@code \Noselect}, {@code \Sent}...)
 * @param delimiter the hierarchy delimiter, or {@code null} for a flat namespace
 * @param name the mailbox name, decoded from modified UTF-7
 * @since 0.1.0
 */
public record ListEntry(Set<String> attributes, @Nullable String delimiter, String name) {
}
