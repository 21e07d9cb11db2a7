/**
 * POP3 (RFC 1939, with RFC 2449's CAPA and response codes and RFC 2595's STLS): a server on a
 * {@link twisted.mail.MailStore} (logins through a {@code Portal}, one session per maildrop,
 * deletions applied only after {@code QUIT}, messages streamed with backpressure) and a client,
 * {@link twisted.mail.pop3.POP3Client}, whose commands return Deferreds. Twisted:
 * {@code twisted.mail.pop3}.
 */
@NullMarked
package twisted.mail.pop3;

import org.jspecify.annotations.NullMarked;
