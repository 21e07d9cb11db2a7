/**
 * Test auto-configuration: {@link twisted.testing.autoconfigure.AutoConfigureTwisted} brings a
 * started reactor and the configured services into a Spring Boot test slice.
 */
@NullMarked
package twisted.testing.autoconfigure;

import org.jspecify.annotations.NullMarked;
