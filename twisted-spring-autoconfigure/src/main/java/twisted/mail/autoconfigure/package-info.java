/**
 * Spring Boot wiring of the mail services: the Maildir store and the SMTP and POP3 makers, with
 * the application's portal and SSL bundles.
 */
@NullMarked
package twisted.mail.autoconfigure;

import org.jspecify.annotations.NullMarked;
