package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.cred.LoginDeniedException;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottledException;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.TCPTransport;

/**
 * The not-authenticated state's commands (RFC 3501 section 6.2): {@code STARTTLS},
 * {@code LOGIN} and {@code AUTHENTICATE PLAIN} (RFC 4616, with RFC 4959's initial response).
 * Logins go through the factory's {@link twisted.cred.Portal} and throttle with
 * {@link UsernamePassword}; no password or {@code AUTHENTICATE} line is ever logged.
 */
final class LoginCommands {

    private static final Logger log = LoggerFactory.getLogger(LoginCommands.class);

    private final IMAPSession session;

    private final IMAPFactory factory;

    private final IMAPFraming framing;

    private final IMAP4Server server;

    private @Nullable Deferred<String> authenticating;

    LoginCommands(IMAPSession session, IMAPFactory factory, IMAPFraming framing, IMAP4Server server) {
        this.session = session;
        this.factory = factory;
        this.framing = framing;
        this.server = server;
    }

    boolean authenticating() {
        return this.authenticating != null;
    }

    Deferred<String> startTls(IMAPCommand.StartTls c) {
        if (!this.server.startTlsAvailable()) {
            throw new BadCommandException(this.server.isSecure() ? "TLS is already active" : "STARTTLS is not offered");
        }
        this.session.out.tagged(c.tag(), "OK Begin TLS negotiation now");
        // RFC 3501 6.2.1 and CVE-2011-0411: what the client sent after STARTTLS in the clear is dropped
        this.server.clearLineBuffer();
        ((TCPTransport) this.server.transport()).startTLS(Objects.requireNonNull(this.factory.settings().tls()));
        // the tagged OK is written already: the server writes nothing more for this command
        return Deferred.fail(new AlreadyAnswered());
    }

    Deferred<String> login(IMAPCommand.Login c) {
        if (!this.server.loginAllowed()) {
            return Deferred.succeed("NO [PRIVACYREQUIRED] Log in only after STARTTLS");
        }
        return check(c.user(), c.password());
    }

    Deferred<String> authenticate(IMAPCommand.Authenticate c) {
        if (!c.mechanism().equals("PLAIN")) {
            return Deferred.succeed("NO [CANNOT] Unsupported authentication mechanism");
        }
        if (!this.server.loginAllowed()) {
            return Deferred.succeed("NO [PRIVACYREQUIRED] Log in only after STARTTLS");
        }
        if (c.initialResponse() != null) {
            return plain(c.initialResponse());
        }
        Deferred<String> answer = new Deferred<>();
        this.authenticating = answer;
        this.session.out.continuation("");
        this.framing.expectAuthenticateResponse();
        this.server.readNextLine();
        return answer;
    }

    /** The client's response to the {@code +} challenge; {@code null} when its line was too long. */
    void authenticateResponse(byte @Nullable [] line) {
        Deferred<String> answer = this.authenticating;
        this.authenticating = null;
        if (answer == null) {
            return;
        }
        this.server.holdLines();
        if (line == null) {
            answer.errback(new BadCommandException("Authentication response too long"));
            return;
        }
        String text = new String(line, StandardCharsets.US_ASCII);
        if (text.equals("*")) {
            answer.errback(new BadCommandException("Authentication canceled"));
            return;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        }
        catch (IllegalArgumentException ex) {
            answer.errback(new BadCommandException("Invalid base64 in the authentication response"));
            return;
        }
        plain(decoded).chainDeferred(answer);
    }

    /** RFC 4616: {@code authzid NUL authcid NUL passwd}; an authzid must be the authcid. */
    private Deferred<String> plain(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        String[] parts = text.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Deferred.succeed("NO [AUTHENTICATIONFAILED] Invalid PLAIN response");
        }
        if (!parts[0].isEmpty() && !parts[0].equals(parts[1])) {
            return Deferred.succeed("NO [AUTHORIZATIONFAILED] Cannot log in as another user");
        }
        return check(parts[1], parts[2]);
    }

    private Deferred<String> check(String user, String password) {
        return this.factory.login(this.server.transport().getPeer(), new UsernamePassword(user, password))
                .thenCompose(result -> open(user, result))
                .recover(failure -> refused(user, failure));
    }

    private Deferred<String> open(String user, LoginResult result) {
        String name = result.avatar(IMAPUser.class).name();
        if (!this.factory.sessionOpened(name)) {
            result.logout().run();
            log.info("{}: login as {} refused: {} sessions already", this.server.logPrefix(), name,
                    this.factory.settings().maxSessionsPerUser());
            return Deferred.succeed("NO [LIMIT] Too many sessions for this user");
        }
        Runnable logout = () -> {
            this.factory.sessionClosed(name);
            result.logout().run();
        };
        return this.factory.store().openAccount(name).thenApply(account -> {
            if (this.session.state() == IMAPSession.State.LOGOUT) {
                account.close();
                logout.run();
                return "NO Connection closed";
            }
            this.session.loggedIn(name, account, logout);
            log.info("{}: logged in", this.server.logPrefix());
            return "OK [CAPABILITY " + this.server.capabilities() + "] Logged in";
        }).recoverWith(failure -> {
            logout.run(); // the account could not be opened: count the session out again
            return Deferred.fail(failure);
        });
    }

    private String refused(String user, Failure failure) {
        if (failure.check(LoginThrottledException.class) != null) {
            log.info("{}: login as {} refused: too many failed logins", this.server.logPrefix(), user);
            return "NO [UNAVAILABLE] Too many failed logins; try again later";
        }
        if (failure.check(UnauthorizedLoginException.class, LoginDeniedException.class) != null) {
            log.info("{}: login as {} failed", this.server.logPrefix(), user);
            return "NO [AUTHENTICATIONFAILED] Authentication failed";
        }
        log.warn("{}: login as {} could not be checked: {}", this.server.logPrefix(), user, failure.type().getName());
        return "NO [UNAVAILABLE] Cannot check the login now";
    }

    /** A command that wrote its own tagged response (STARTTLS). */
    static final class AlreadyAnswered extends RuntimeException {

        private static final long serialVersionUID = 1L;

        AlreadyAnswered() {
            super(null, null, false, false);
        }
    }
}
