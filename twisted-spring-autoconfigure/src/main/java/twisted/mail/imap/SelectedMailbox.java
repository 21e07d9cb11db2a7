package twisted.mail.imap;

import java.util.Set;

/**
 * What {@code SELECT} or {@code EXAMINE} told {@link IMAP4Client} about a mailbox.
 *
 * @param exists how many messages it holds
 * @param recent how many are {@code \Recent}
 * @param uidValidity its UIDVALIDITY, or -1 when not sent
 * @param uidNext the UID the next message will get, or -1 when not sent
 * @param flags the flags defined in it
 * @param permanentFlags the flags that can be changed permanently ({@code \*}: new keywords too)
 * @param readOnly whether the session may not change it ({@code [READ-ONLY]}, always for EXAMINE)
 * @since 0.1.0
 */
public record SelectedMailbox(long exists, long recent, long uidValidity, long uidNext, Set<String> flags,
        Set<String> permanentFlags, boolean readOnly) {
}
