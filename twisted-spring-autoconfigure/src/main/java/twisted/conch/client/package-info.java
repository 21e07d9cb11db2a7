/**
 * The SSH client's side of trust: which host keys it accepts, read from and written to an
 * OpenSSH {@code known_hosts} file ({@link twisted.conch.client.KnownHosts}). Twisted:
 * {@code twisted.conch.client}.
 */
@NullMarked
package twisted.conch.client;

import org.jspecify.annotations.NullMarked;
