package twisted.conch.ssh;

import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.session.ServerSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.conch.ConchUser;
import twisted.cred.Credentials;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.SSHPrivateKey;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.internet.Address;

/**
 * SSH logins through the portal: a password becomes {@link UsernamePassword}, a signed public key
 * {@link SSHPrivateKey}, and the portal's checkers and realm decide, through the login throttle,
 * so failed attempts from one host are slowed down as for every other protocol. MINA SSHD waits
 * for the answer ({@link AsyncAuthException}) without blocking a thread. The avatar is kept on
 * MINA's session and logged out when the connection ends. Nothing here logs a password or a key.
 */
final class PortalLogin implements PasswordAuthenticator {

    /** The login's result, on MINA's session. */
    static final AttributeKey<LoginResult> AVATAR = new AttributeKey<>();

    private static final Logger log = LoggerFactory.getLogger(PortalLogin.class);

    private final Portal portal;

    private final @Nullable LoginThrottle throttle;

    private final AtomicLong logins = new AtomicLong();

    private final AtomicLong failures = new AtomicLong();

    PortalLogin(Portal portal, @Nullable LoginThrottle throttle) {
        this.portal = portal;
        this.throttle = throttle;
    }

    long logins() {
        return this.logins.get();
    }

    long failures() {
        return this.failures.get();
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        return login(session, new UsernamePassword(username, password));
    }

    /**
     * Logs in with {@code credentials}: the answer now when the portal gives it at once, else
     * later through the {@link AsyncAuthException} thrown.
     */
    boolean login(ServerSession session, Credentials credentials) {
        Address peer = ((ReactorIoSession) session.getIoSession()).transport().getPeer();
        LoginThrottle t = this.throttle;
        Deferred<LoginResult> attempt = (t != null) ? t.login(this.portal, peer, credentials, null, ConchUser.class)
                : this.portal.login(credentials, null, ConchUser.class);
        Answer answer = new Answer();
        attempt.addCallbacks(result -> {
            if (session.isClosing() || session.isClosed()) {
                result.logout().run();
                answer.give(false);
                return null;
            }
            session.setAttribute(AVATAR, result);
            session.addCloseFutureListener(closed -> result.logout().run());
            this.logins.incrementAndGet();
            log.info("SSH login of {} from {} ({})", result.avatar(ConchUser.class).getUsername(), peer,
                    method(credentials));
            answer.give(true);
            return null;
        }, failure -> {
            this.failures.incrementAndGet();
            log.info("SSH login refused from {} ({}): {}", peer, method(credentials),
                    failure.value().getClass().getSimpleName());
            answer.give(false);
            return null;
        });
        return answer.now();
    }

    private static String method(Credentials credentials) {
        return (credentials instanceof SSHPrivateKey key) ? "publickey " + key.getAlgorithm() : "password";
    }

    /** The portal's answer: given before {@link #now()} is asked, or after, through MINA's exception. */
    private static final class Answer {

        private @Nullable Boolean given;

        private @Nullable AsyncAuthException waiting;

        synchronized void give(boolean authenticated) {
            if (this.waiting != null) {
                this.waiting.setAuthed(authenticated);
            }
            else {
                this.given = authenticated;
            }
        }

        synchronized boolean now() {
            if (this.given != null) {
                return this.given;
            }
            this.waiting = new AsyncAuthException();
            throw this.waiting;
        }
    }

    /**
     * Public-key logins whose answer may come later. MINA SSHD takes an {@link AsyncAuthException}
     * only from the methods it names {@code password} and {@code keyboard-interactive} (it checks
     * the method's name when it catches one, and refuses the login of any other); a portal whose
     * keys come from files or a database answers a signed request later, not at once. So this
     * method tells its name as {@code password} exactly once, to that check, right after its
     * request was deferred; MINA then waits for the answer as for a password, and every other
     * time (the answer's handling included) the name is {@code publickey}.
     */
    static final class AsyncPublicKey implements org.apache.sshd.server.auth.UserAuth {

        private final PublicKeyMethod method;

        private boolean answeringLater;

        AsyncPublicKey(PublicKeyMethod method) {
            this.method = method;
        }

        @Override
        public String getName() {
            if (this.answeringLater) {
                this.answeringLater = false;
                return org.apache.sshd.server.auth.password.UserAuthPasswordFactory.NAME;
            }
            return this.method.getName();
        }

        @Override
        public Boolean auth(ServerSession session, String username, String service, Buffer buffer) throws Exception {
            try {
                return this.method.auth(session, username, service, buffer);
            }
            catch (AsyncAuthException later) {
                this.answeringLater = true;
                throw later;
            }
        }

        @Override
        public Boolean next(Buffer buffer) throws Exception {
            try {
                return this.method.next(buffer);
            }
            catch (AsyncAuthException later) {
                this.answeringLater = true;
                throw later;
            }
        }

        @Override
        public void destroy() {
            this.method.destroy();
        }

        @Override
        public ServerSession getSession() {
            return this.method.getSession();
        }

        @Override
        public ServerSession getServerSession() {
            return this.method.getServerSession();
        }

        @Override
        public String getUsername() {
            return this.method.getUsername();
        }
    }

    /**
     * Public-key logins: MINA checks the signature, then the portal decides, with the signature
     * and the data it covers in the credentials so that a checker can check them again. Every key
     * a client merely offers is answered as acceptable, so which keys a user has cannot be probed;
     * only a signed request logs in.
     */
    static final class PublicKeyMethod extends UserAuthPublicKey {

        private final PortalLogin login;

        PublicKeyMethod(PortalLogin login, java.util.List<org.apache.sshd.common.NamedFactory<Signature>> signatures) {
            super(signatures);
            this.login = login;
        }

        @Override
        protected boolean verifySignature(ServerSession session, String username, String alg, PublicKey key,
                Buffer buffer, Signature verifier, byte[] sig) throws Exception {
            if (!super.verifySignature(session, username, alg, key, buffer, verifier, sig)) {
                this.login.failures.incrementAndGet();
                return false;
            }
            ByteArrayBuffer blob = new ByteArrayBuffer();
            blob.putRawPublicKey(key);
            ByteArrayBuffer signed = new ByteArrayBuffer();
            signed.putBytes(session.getSessionId());
            signed.putByte(SshConstants.SSH_MSG_USERAUTH_REQUEST);
            signed.putString(username);
            signed.putString(getService());
            signed.putString(getName());
            signed.putBoolean(true);
            signed.putString(alg);
            signed.putBytes(blob.getCompactData());
            return this.login.login(session,
                    new SSHPrivateKey(username, alg, blob.getCompactData(), signed.getCompactData(), sig));
        }
    }
}
