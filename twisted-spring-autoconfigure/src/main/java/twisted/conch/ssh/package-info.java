/**
 * SSH-2 on Apache MINA SSHD, the Twisted way: {@link twisted.conch.ssh.SSHFactory} is a factory
 * like any other, listening on an endpoint of the reactor, whose connections run MINA's transport,
 * key exchange and channels on the connection's reactor thread; a session channel serves a
 * Twisted protocol over an {@link twisted.conch.SSHSessionTransport}. MINA does the crypto;
 * this package does the rest: I/O on the reactor, logins through the portal, host keys, limits.
 *
 * <p>Twisted: {@code twisted.conch.ssh}.
 */
@NullMarked
package twisted.conch.ssh;

import org.jspecify.annotations.NullMarked;
