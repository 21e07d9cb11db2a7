/**
 * The foundation of the IMAP4rev1 server (RFC 3501): reading commands off the wire and parsing
 * them. Twisted: {@code twisted.mail.imap}.
 *
 * <ul>
 * <li>{@link twisted.mail.imap.IMAPFraming} cuts the byte stream into whole commands, reading
 * synchronising and non-synchronising ({@code LITERAL+}) literals, enforcing its
 * {@link twisted.mail.imap.IMAPFraming.Limits}, and switching to the {@code IDLE} and
 * {@code AUTHENTICATE} line modes on the server's word. The server protocol is a
 * {@link twisted.protocols.basic.LineReceiver} that hosts it.</li>
 * <li>{@link twisted.mail.imap.IMAPParser} turns each {@link twisted.mail.imap.RawCommand}
 * into an {@link twisted.mail.imap.IMAPCommand}, one record per command, or an
 * {@link twisted.mail.imap.IMAPParseException} whose reason the server sends after
 * {@code BAD}.</li>
 * <li>The arguments have their own types: {@link twisted.mail.imap.SequenceSet},
 * {@link twisted.mail.imap.SearchKey}, {@link twisted.mail.imap.FetchItem}; mailbox names are
 * decoded with {@link twisted.mail.ModifiedUtf7}.</li>
 * <li>{@link twisted.mail.imap.IMAP4Client} is the client side: a
 * {@link twisted.protocols.basic.LineReceiver} whose commands return Deferreds of parsed results
 * ({@link twisted.mail.imap.SelectedMailbox}, {@link twisted.mail.imap.ListEntry},
 * {@link twisted.mail.imap.Envelope}, {@link twisted.mail.imap.BodyStructure}...); it reads
 * responses, literals included, within its {@link twisted.mail.imap.IMAPClientOptions}, and fails
 * commands with {@link twisted.mail.imap.IMAP4Exception} on {@code NO}/{@code BAD}.</li>
 * </ul>
 */
@NullMarked
package twisted.mail.imap;

import org.jspecify.annotations.NullMarked;
