/**
 * Spring Boot auto-configuration of the web support: resource trees in WebFlux, Deferreds returned
 * from WebFlux and Spring MVC controllers, and the Jackson guard against writing a Deferred.
 */
@NullMarked
package twisted.web.autoconfigure;

import org.jspecify.annotations.NullMarked;
