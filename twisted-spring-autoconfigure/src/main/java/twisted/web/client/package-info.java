/**
 * The HTTP client, Twisted's {@code Agent}, on Reactor Netty's {@code HttpClient}.
 */
@NullMarked
package twisted.web.client;

import org.jspecify.annotations.NullMarked;
