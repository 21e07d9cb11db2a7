package twisted.mail.imap;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import twisted.cred.Credentials;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.mail.FolderStore;
import twisted.time.ReactorTime;

/**
 * Builds one {@link IMAP4Server} per connection, serving the folders of a {@link FolderStore} to
 * the users the {@link Portal} logs in (each user reads the folders of their own name). Twisted:
 * {@code twisted.mail.imap4.IMAP4Server} built by a plain factory with a portal.
 *
 * <pre>{@code
 * IMAPFactory factory = new IMAPFactory(maildirStore, portal, reactor)
 *         .settings(IMAPSettings.defaults().withHostname("mail.example.org").withTls(tls))
 *         .throttle(new LoginThrottle(reactor));
 * reactor.listenTCP(143, factory);
 * }</pre>
 *
 * Configure it before it serves its first connection; the setters are not thread-safe.
 *
 * @since 0.1.0
 */
public final class IMAPFactory extends Factory {

    private final FolderStore store;

    private final Portal portal;

    private final ReactorTime clock;

    private IMAPSettings settings = IMAPSettings.defaults();

    private @Nullable LoginThrottle throttle;

    /** Logged-in sessions by user; changed on the reactor thread, read by monitoring from any thread. */
    private final Map<String, Integer> sessions = new ConcurrentHashMap<>();

    /**
     * Creates the factory.
     *
     * @param store the folders served
     * @param portal checks {@code LOGIN} and {@code AUTHENTICATE PLAIN} with
     *        {@link twisted.cred.UsernamePassword}; its realm is replaced by one whose avatar is
     *        the user name
     * @param clock for the idle timeout; a {@link Reactor} also runs the message reads on its thread
     *        pool
     */
    public IMAPFactory(FolderStore store, Portal portal, ReactorTime clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.portal = Objects.requireNonNull(portal, "portal").withRealm(IMAPUser::realm);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets the settings.
     *
     * @param settings the settings
     * @return this factory
     */
    public IMAPFactory settings(IMAPSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Slows failed logins down, per peer address.
     *
     * @param throttle the throttle, or {@code null} for none
     * @return this factory
     */
    public IMAPFactory throttle(@Nullable LoginThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        IMAP4Server protocol = new IMAP4Server(this);
        protocol.setFactory(this);
        return protocol;
    }

    IMAPSettings settings() {
        return this.settings;
    }

    FolderStore store() {
        return this.store;
    }

    ReactorTime clock() {
        return this.clock;
    }

    /**
     * How many sessions are logged in now, for monitoring. May be called from any thread.
     *
     * @return the count
     */
    public int loggedInSessions() {
        return this.sessions.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * How many users have a session logged in now, for monitoring. May be called from any thread.
     *
     * @return the count
     */
    public int loggedInUsers() {
        return this.sessions.size();
    }

    /** Counts a session of {@code user} in, unless it has {@link IMAPSettings#maxSessionsPerUser()} already. */
    boolean sessionOpened(String user) {
        int open = this.sessions.getOrDefault(user, 0);
        if (open >= this.settings.maxSessionsPerUser()) {
            return false;
        }
        this.sessions.put(user, open + 1);
        return true;
    }

    /** Counts a session of {@code user} out. */
    void sessionClosed(String user) {
        this.sessions.computeIfPresent(user, (name, open) -> (open > 1) ? open - 1 : null);
    }

    /**
     * Runs blocking work (reading and parsing a message) on the reactor's thread pool, its result
     * back on the reactor thread; inline when the clock is not a reactor (a test's {@code Clock}).
     */
    <T> Deferred<T> blocking(Callable<? extends T> work) {
        return (this.clock instanceof Reactor reactor) ? reactor.deferToThread(work) : Deferred.execute(work);
    }

    Deferred<LoginResult> login(Address peer, Credentials credentials) {
        LoginThrottle t = this.throttle;
        return (t != null) ? t.login(this.portal, peer, credentials, null, IMAPUser.class)
                : this.portal.login(credentials, null, IMAPUser.class);
    }
}
