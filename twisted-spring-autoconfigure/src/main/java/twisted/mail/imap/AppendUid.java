package twisted.mail.imap;

/**
 * Where {@code APPEND} put a message, from the server's {@code [APPENDUID]} (RFC 4315, UIDPLUS).
 *
 * @param uidValidity the mailbox's UIDVALIDITY
 * @param uid the message's UID
 * @since 0.1.0
 */
public record AppendUid(long uidValidity, long uid) {
}
