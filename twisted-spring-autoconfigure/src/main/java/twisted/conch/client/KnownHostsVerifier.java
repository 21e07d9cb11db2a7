package twisted.conch.client;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA SSHD's host key check, answered by a {@link KnownHosts}: the key must match what the file
 * holds for the host as the client was asked to reach it (name and port, not the address it
 * resolved to, as OpenSSH looks it up). A refusal is kept on the connection attempt as a typed
 * exception, since MINA itself only says "Server key did not validate".
 *
 * <p>Called on the connection's reactor thread during key exchange; with several event loops,
 * connections share the file, so it is used under its own lock. Accepting a new key writes the
 * file there and then (a small atomic write, as OpenSSH does before it goes on).
 */
final class KnownHostsVerifier implements ServerKeyVerifier {

    private static final Logger log = LoggerFactory.getLogger(KnownHostsVerifier.class);

    private final KnownHosts knownHosts;

    private final HostKeyPolicy policy;

    KnownHostsVerifier(KnownHosts knownHosts, HostKeyPolicy policy) {
        this.knownHosts = knownHosts;
        this.policy = policy;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        CommandAttempt attempt = session.getConnectionContext().getAttribute(CommandAttempt.KEY);
        if (attempt == null) {
            log.warn("SSH session {} has no connection attempt: host key refused", session);
            return false;
        }
        HostKeyException refusal = check(attempt.host(), attempt.port(), serverKey);
        if (refusal != null) {
            log.warn("SSH host key refused: {}", refusal.getMessage());
            attempt.hostKeyRefused(refusal);
            return false;
        }
        return true;
    }

    /** Checks a key: {@code null} when accepted, else why not. */
    HostKeyException check(String host, int port, PublicKey key) {
        String fingerprint = KeyUtils.getFingerPrint(key);
        synchronized (this.knownHosts) {
            switch (this.knownHosts.check(host, port, key)) {
                case MATCH:
                    return null;
                case REVOKED:
                    return new HostKeyRevokedException(host, port, fingerprint);
                case CHANGED:
                    return new HostKeyChangedException(host, port, fingerprint,
                            this.knownHosts.fingerprints(host, port, KeyUtils.getKeyType(key)));
                default:
                    break;
            }
            if (this.policy != HostKeyPolicy.ACCEPT_NEW) {
                return new UnknownHostKeyException(host, port, fingerprint);
            }
            this.knownHosts.addHostKey(host, port, key, false);
            log.info("SSH host key of {} ({}) added to known_hosts", hostAndPort(host, port), fingerprint);
            if (this.knownHosts.path() != null) {
                try {
                    this.knownHosts.save();
                }
                catch (IOException ex) {
                    log.warn("known_hosts {} could not be saved; the key of {} is trusted for now only: {}",
                            this.knownHosts.path(), hostAndPort(host, port), ex.toString());
                }
            }
            return null;
        }
    }

    /** How OpenSSH names a host in its messages and files: {@code host}, or {@code [host]:port} off port 22. */
    static String hostAndPort(String host, int port) {
        return (port == 22) ? host : "[" + host + "]:" + port;
    }
}
