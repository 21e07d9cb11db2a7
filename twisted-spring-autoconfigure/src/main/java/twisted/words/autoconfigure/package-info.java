/**
 * Spring Boot wiring of the IRC server: its {@code ServiceMaker} as a bean, with the
 * application's portal.
 */
@NullMarked
package twisted.words.autoconfigure;

import org.jspecify.annotations.NullMarked;
