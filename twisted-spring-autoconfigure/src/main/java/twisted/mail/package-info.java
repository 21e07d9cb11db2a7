/**
 * Mail (chapter 13): the contracts a mail store implements for the servers. {@link twisted.mail.MailStore}
 * is what SMTP delivers into ({@link twisted.mail.MessageWriter}, Twisted's {@code IMessage}) and
 * POP3 reads ({@link twisted.mail.Mailbox}, POP3's {@code IMailbox}); {@link twisted.mail.FolderStore}
 * adds what IMAP needs: each user's folders ({@link twisted.mail.MailAccount}, Twisted's
 * {@code IAccountIMAP}) with UIDs and flags, a selected folder ({@link twisted.mail.FolderSession},
 * {@code IMailboxIMAP}) and the changes other sessions make ({@link twisted.mail.FolderListener}).
 * The protocols live in {@code smtp}, {@code pop3} and {@code imap}, the Maildir store in
 * {@code maildir}, the PostgreSQL store (several nodes, one database) in {@code postgres}; what
 * both stores do the same way is written once here, for store implementations
 * ({@link twisted.mail.AbstractMailAccount}, {@link twisted.mail.AbstractFolderSession},
 * {@link twisted.mail.AbstractMailbox}, {@link twisted.mail.AbstractMessageWriter},
 * {@link twisted.mail.FolderHierarchy}). Twisted: {@code twisted.mail}.
 */
@NullMarked
package twisted.mail;

import org.jspecify.annotations.NullMarked;
