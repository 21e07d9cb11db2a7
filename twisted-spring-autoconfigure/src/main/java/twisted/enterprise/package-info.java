/**
 * Databases without blocking the reactor: Twisted's {@code adbapi.ConnectionPool} on R2DBC.
 */
@NullMarked
package twisted.enterprise;

import org.jspecify.annotations.NullMarked;
