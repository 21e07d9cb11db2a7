/**
 * Endpoints over SSH: a remote command's standard input and output as a connection
 * ({@link twisted.conch.endpoints.SSHCommandClientEndpoint}). Twisted: {@code twisted.conch.endpoints}.
 */
@NullMarked
package twisted.conch.endpoints;

import org.jspecify.annotations.NullMarked;
