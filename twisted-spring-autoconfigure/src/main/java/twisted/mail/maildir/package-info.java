/**
 * Maildir storage for the mail servers: delivery through {@code tmp} with fsync and an atomic
 * rename into {@code new}, and POP3's view of a maildir with deletions applied only on sync.
 * Twisted: {@code twisted.mail.maildir}.
 */
@NullMarked
package twisted.mail.maildir;

import org.jspecify.annotations.NullMarked;
