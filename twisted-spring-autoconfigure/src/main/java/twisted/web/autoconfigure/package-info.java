/**
 * Spring Boot auto-configuration of the WebFlux support.
 */
@NullMarked
package twisted.web.autoconfigure;

import org.jspecify.annotations.NullMarked;
