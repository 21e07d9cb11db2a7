/**
 * Endpoints: where to listen or connect, as objects or as Twisted's description strings
 * ({@code tcp:8000:interface=127.0.0.1}), so that configuration can say it in one line.
 */
@NullMarked
package twisted.internet.endpoints;

import org.jspecify.annotations.NullMarked;
