/**
 * The SMTP server (RFC 5321) with the extensions real clients expect: SIZE, 8BITMIME, PIPELINING,
 * ENHANCEDSTATUSCODES, STARTTLS and AUTH PLAIN/LOGIN through a {@code Portal}. Messages go to a
 * {@link twisted.mail.smtp.MessageDelivery}; the default, {@link twisted.mail.smtp.LocalDelivery},
 * accepts configured domains and the users of a {@link twisted.mail.MailStore}. A message gets
 * {@code 250} only once the store says it is durable. The client side,
 * {@link twisted.mail.smtp.SMTPSender} (one {@link twisted.mail.smtp.ESMTPClient} session per
 * message), sends mail to one server (a smarthost; no MX look-up) with verified STARTTLS, AUTH,
 * PIPELINING and per-recipient results. Twisted: {@code twisted.mail.smtp}.
 */
@NullMarked
package twisted.mail.smtp;

import org.jspecify.annotations.NullMarked;
