package twisted.mail;

/**
 * A folder's counts, as {@code STATUS} and {@code SELECT} report them.
 *
 * @param messages how many messages it holds
 * @param recent how many have {@code \Recent} (no session has seen them yet)
 * @param uidNext the UID the next message will get
 * @param uidValidity the folder's UID validity: UIDs are only meaningful with it
 * @param unseen how many lack {@code \Seen}
 * @since 0.1.0
 */
public record FolderStatus(long messages, long recent, long uidNext, long uidValidity, long unseen) {
}
