package twisted.mail.pop3;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import twisted.cred.Credentials;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.TlsOptions;
import twisted.mail.MailStore;
import twisted.time.ReactorTime;

/**
 * Builds a {@link POP3} session per connection, on a {@link MailStore}: hand it to
 * {@code reactor.listenTCP} (or an endpoint).
 *
 * <pre>{@code
 * POP3Factory pop3 = new POP3Factory(store, portal, reactor)
 *         .throttle(new LoginThrottle(reactor))
 *         .tls(TlsOptions.server(sslContext));
 * reactor.listenTCP(110, pop3);
 * }</pre>
 *
 * <h2>Logins</h2>
 * {@code USER}/{@code PASS} go through the portal's checkers as {@link twisted.cred.UsernamePassword}
 * (so Spring Security's users are POP3 users), slowed down by the {@link LoginThrottle} when one is
 * given; the avatar is the mailbox of the name the checker returned. {@code APOP} needs the shared
 * secret in plain text, which a store of password hashes does not have: it is offered (the
 * greeting carries its timestamp) only when the portal has a checker registered for
 * {@link APOPCredentials}, the extension point for a store that can verify it.
 *
 * <h2>TLS</h2>
 * With {@link #tls(TlsOptions)}, {@code CAPA} lists {@code STLS} and the command switches the
 * connection to TLS (RFC 2595); {@link POP3Settings#requireTlsForLogin()} then keeps logins off
 * the plain-text connection.
 *
 * <p>Configure it before listening; it is then read from the reactor thread only. Twisted:
 * {@code twisted.mail.pop3.POP3Factory} (there, the {@code protocols.mail} service's factory).
 *
 * @since 0.1.0
 */
public final class POP3Factory extends Factory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MailStore store;

    private final Portal portal;

    private final ReactorTime clock;

    private POP3Settings settings = POP3Settings.defaults();

    private @Nullable LoginThrottle throttle;

    private @Nullable TlsOptions tls;

    /**
     * A factory with the default settings, no throttle and no TLS.
     *
     * @param store where the mailboxes are
     * @param portal checks the logins; the checkers registered on it by now (register an APOP
     *        checker first: {@link Portal#withRealm} takes them as they are) are used with this
     *        factory's own realm, whose avatar is the mailbox named by the login
     * @param clock the reactor's clock, for the idle timeout
     */
    public POP3Factory(MailStore store, Portal portal, ReactorTime clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.portal = Objects.requireNonNull(portal, "portal").withRealm(Maildrop::realm);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets the limits and names.
     *
     * @param settings the settings
     * @return this factory
     */
    public POP3Factory settings(POP3Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Slows down repeated failed logins from one address.
     *
     * @param throttle the throttle, or {@code null} for none
     * @return this factory
     */
    public POP3Factory throttle(@Nullable LoginThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    /**
     * Offers {@code STLS} with these server options.
     *
     * @param tls server-mode options, or {@code null} for no TLS
     * @return this factory
     */
    public POP3Factory tls(@Nullable TlsOptions tls) {
        this.tls = tls;
        return this;
    }

    /**
     * A new session.
     *
     * @param address the client's address
     * @return the session
     */
    @Override
    public Protocol buildProtocol(Address address) {
        POP3 protocol = new POP3(this);
        protocol.setFactory(this);
        return protocol;
    }

    POP3Settings settings() {
        return this.settings;
    }

    MailStore store() {
        return this.store;
    }

    ReactorTime clock() {
        return this.clock;
    }

    @Nullable TlsOptions tls() {
        return this.tls;
    }

    /** Whether some checker of the portal takes {@link APOPCredentials}. */
    boolean apopOffered() {
        return this.portal.listCredentialsInterfaces().stream().anyMatch(type -> type != Credentials.class
                && type != Object.class && type.isAssignableFrom(APOPCredentials.class));
    }

    /** A fresh, unpredictable APOP timestamp: {@code <random.seconds@host>}. */
    String newChallenge() {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        return "<" + HexFormat.of().formatHex(nonce) + "." + (long) this.clock.seconds() + "@"
                + this.settings.hostname() + ">";
    }

    Deferred<LoginResult> login(Address peer, Credentials credentials) {
        LoginThrottle t = this.throttle;
        return (t != null) ? t.login(this.portal, peer, credentials, null, Maildrop.class)
                : this.portal.login(credentials, null, Maildrop.class);
    }
}
