/**
 * Spring Boot auto-configuration of the reactor.
 */
@NullMarked
package twisted.internet.autoconfigure;

import org.jspecify.annotations.NullMarked;
