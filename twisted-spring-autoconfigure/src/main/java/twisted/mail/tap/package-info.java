/**
 * The mail servers as services: Twisted's {@code twistd mail}, switched on with
 * {@code twisted.services.smtp.enabled=true} and {@code twisted.services.pop3.enabled=true}.
 * Twisted: {@code twisted.mail.tap}.
 */
@NullMarked
package twisted.mail.tap;

import org.jspecify.annotations.NullMarked;
