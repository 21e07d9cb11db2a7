/**
 * Mail (chapter 13): the contracts a mail store implements for the servers, Twisted's
 * {@code IMessage} and POP3 {@code IMailbox}; the protocols live in {@code smtp}, {@code pop3}
 * and the Maildir store in {@code maildir}. Twisted: {@code twisted.mail}.
 */
@NullMarked
package twisted.mail;

import org.jspecify.annotations.NullMarked;
