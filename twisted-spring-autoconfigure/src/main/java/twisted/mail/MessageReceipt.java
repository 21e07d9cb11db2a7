package twisted.mail;

/**
 * What a store says of a message it stored: where it is, for logs and {@code 250} replies.
 *
 * @param mailbox the mailbox it went to
 * @param id the store's unique name for it (the Maildir file name)
 * @param size its size in bytes, as stored (CR LF line endings)
 * @since 0.1.0
 */
public record MessageReceipt(String mailbox, String id, long size) {
}
