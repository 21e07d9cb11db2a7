/**
 * The errors the reactor reports: connections refused, lost or done, listening and lookup failures,
 * processes that ended. Twisted: {@code twisted.internet.error}.
 */
@NullMarked
package twisted.internet.error;

import org.jspecify.annotations.NullMarked;
