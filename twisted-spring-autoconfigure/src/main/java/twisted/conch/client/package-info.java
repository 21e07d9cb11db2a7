/**
 * The SSH client: {@link twisted.conch.client.SSHClient} runs commands on SSH servers, with MINA
 * SSHD on the reactor, and checks each server's host key against an OpenSSH {@code known_hosts}
 * file ({@link twisted.conch.client.KnownHosts}), strictly unless told to accept new hosts.
 * Twisted: {@code twisted.conch.client}.
 */
@NullMarked
package twisted.conch.client;

import org.jspecify.annotations.NullMarked;
