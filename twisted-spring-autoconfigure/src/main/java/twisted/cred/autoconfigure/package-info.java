/**
 * Spring Boot auto-configuration of {@code twisted.cred}: a {@code Portal} over Spring Security's
 * users, and a {@code LoginThrottle}, configured under {@code twisted.cred}.
 */
@NullMarked
package twisted.cred.autoconfigure;

import org.jspecify.annotations.NullMarked;
