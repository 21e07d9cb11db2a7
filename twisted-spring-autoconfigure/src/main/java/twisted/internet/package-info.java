/**
 * The reactor's contracts: the reactor, transports, protocols, factories, addresses and producers.
 * Twisted: {@code twisted.internet.interfaces} and {@code twisted.internet.protocol}.
 */
@NullMarked
package twisted.internet;

import org.jspecify.annotations.NullMarked;
