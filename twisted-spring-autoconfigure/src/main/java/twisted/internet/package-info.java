/**
 * The reactor's contracts: time, delayed calls, and (as they come) transports, protocols and
 * factories.
 */
@NullMarked
package twisted.internet;

import org.jspecify.annotations.NullMarked;
