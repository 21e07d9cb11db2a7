/**
 * Maildir storage for the mail servers: delivery through {@code tmp} with fsync and an atomic
 * rename into {@code new}, POP3's view of a maildir with deletions applied only on sync, and IMAP's
 * folders in Dovecot's Maildir++ layout, their state shared by the sessions on them.
 * Twisted: {@code twisted.mail.maildir}.
 */
@NullMarked
package twisted.mail.maildir;

import org.jspecify.annotations.NullMarked;
