/**
 * The mail store on PostgreSQL, for several nodes sharing one database: mailboxes, folders,
 * messages and subscriptions in tables kept by Flyway, deliveries committed before SMTP's
 * {@code 250}, UIDs taken atomically, POP3's lock held by an advisory lock, and IMAP sessions on
 * every node told of changes through {@code LISTEN}/{@code NOTIFY}.
 */
@NullMarked
package twisted.mail.postgres;

import org.jspecify.annotations.NullMarked;
