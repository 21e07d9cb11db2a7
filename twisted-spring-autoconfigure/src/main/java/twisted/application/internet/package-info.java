/**
 * Services built on the reactor: a client that keeps a connection up.
 */
@NullMarked
package twisted.application.internet;

import org.jspecify.annotations.NullMarked;
