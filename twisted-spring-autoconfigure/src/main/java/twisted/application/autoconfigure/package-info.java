/**
 * Spring Boot auto-configuration of services: the twistd of Spring Boot.
 */
@NullMarked
package twisted.application.autoconfigure;

import org.jspecify.annotations.NullMarked;
