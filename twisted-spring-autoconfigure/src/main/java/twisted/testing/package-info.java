/**
 * Test helpers shipped as public API: transports that record what a protocol does, a virtual
 * {@link twisted.testing.Clock}, Deferred assertions, a started reactor for integration tests
 * ({@link twisted.testing.RunningReactor}) and a JUnit 5 extension. Nothing here depends on a test
 * framework except the extension.
 */
@NullMarked
package twisted.testing;

import org.jspecify.annotations.NullMarked;
