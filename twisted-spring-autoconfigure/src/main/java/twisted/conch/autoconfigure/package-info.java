/**
 * Spring Boot wiring of the SSH services: the {@code ssh} and {@code manhole} makers as beans,
 * with the application's portal, shell, commands and keys.
 */
@NullMarked
package twisted.conch.autoconfigure;

import org.jspecify.annotations.NullMarked;
