/**
 * Network services: one that listens on an endpoint within its limits and counts its
 * connections, and a client that keeps a connection up. Twisted: {@code twisted.application.internet}.
 */
@NullMarked
package twisted.application.internet;

import org.jspecify.annotations.NullMarked;
