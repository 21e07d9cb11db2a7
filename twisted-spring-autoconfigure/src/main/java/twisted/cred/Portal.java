package twisted.cred;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;

/**
 * The one door every protocol logs in through: it hands the credentials to the
 * {@link CredentialsChecker} registered for their type, then asks the {@link Realm} for the
 * avatar of the user the checker named. Protocols thus never see how passwords are stored, and
 * one user base (Spring Security's, in a Spring Boot application) serves every protocol.
 *
 * <pre>{@code
 * Portal portal = new Portal(realm);
 * portal.registerChecker(checker);
 * portal.login(new UsernamePassword(username, password), null, ProtocolAvatar.class)
 *       .addCallbacks(result -> { avatar = result.avatar(ProtocolAvatar.class); logout = result.logout(); return null; },
 *                     failure -> { failure.trap(LoginFailedException.class); sendLine("Login denied"); return null; });
 * ...
 * // in connectionLost:
 * if (logout != null) logout.run();
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 * <li>{@link #login} never throws for a bad login: it returns a Deferred that fails with a
 * {@link LoginFailedException} subclass, or with the realm's or checker's own exception for an
 * internal error.</li>
 * <li><b>Call the {@link LoginResult#logout()} of every successful login when the session
 * ends</b>, even when the connection was lost before the login completed. The portal's logout
 * runs the realm's at most once.</li>
 * <li>Call {@code login} on the reactor thread; its Deferred fires there too, as long as the
 * checkers keep their contract.</li>
 * <li>Registering checkers is thread-safe, but is meant for setup: a login uses the checkers
 * registered when it starts.</li>
 * <li>Failed logins are not throttled here, because the portal does not know the peer: protocols
 * log in through a {@link LoginThrottle}.</li>
 * </ul>
 *
 * <p>This class is not meant to be subclassed: customize the realm and the checkers instead.
 *
 * <p>Twisted: {@code twisted.cred.portal.Portal}.
 *
 * @since 0.1.0
 */
public final class Portal {

    private static final Logger log = LoggerFactory.getLogger(Portal.class);

    private final Realm realm;

    /** Credentials type to checker, in registration order; replaced whole on every registration. */
    private volatile Map<Class<?>, CredentialsChecker> checkers = Map.of();

    /**
     * Creates a portal with no checkers yet: every login fails with
     * {@link UnhandledCredentialsException} until one is registered.
     *
     * @param realm gives avatars to users the checkers accept
     */
    public Portal(Realm realm) {
        this.realm = Objects.requireNonNull(realm, "realm");
    }

    /**
     * Creates a portal and registers each checker for its own
     * {@linkplain CredentialsChecker#credentialInterfaces() credentials types}, in order.
     *
     * @param realm gives avatars to users the checkers accept
     * @param checkers the checkers
     */
    public Portal(Realm realm, List<? extends CredentialsChecker> checkers) {
        this(realm);
        Objects.requireNonNull(checkers, "checkers").forEach(this::registerChecker);
    }

    /**
     * Registers a checker for some credentials types, by default the ones it
     * {@linkplain CredentialsChecker#credentialInterfaces() declares}. A type registered before
     * gets the new checker but keeps its place in the order {@link #login} tries the types in.
     *
     * @param checker the checker
     * @param credentialTypes the types it should check, or none for its own
     * @throws IllegalArgumentException when the checker declares no type and none is given
     */
    public synchronized void registerChecker(CredentialsChecker checker, Class<?>... credentialTypes) {
        Objects.requireNonNull(checker, "checker");
        List<Class<?>> types = (credentialTypes.length > 0) ? Arrays.asList(credentialTypes)
                : checker.credentialInterfaces();
        if (types.isEmpty()) {
            throw new IllegalArgumentException("checker " + checker.getClass().getName() + " handles no credentials type");
        }
        Map<Class<?>, CredentialsChecker> next = new LinkedHashMap<>(this.checkers);
        for (Class<?> type : types) {
            next.put(Objects.requireNonNull(type, "credentialTypes"), checker);
        }
        this.checkers = Collections.unmodifiableMap(next);
    }

    /**
     * The credentials types some checker handles, in the order {@link #login} tries them.
     * Twisted: {@code listCredentialsInterfaces}.
     *
     * @return a snapshot
     */
    public List<Class<?>> listCredentialsInterfaces() {
        return List.copyOf(this.checkers.keySet());
    }

    /**
     * The realm avatars come from.
     *
     * @return the realm
     */
    public Realm getRealm() {
        return this.realm;
    }

    /**
     * A portal over another realm with the checkers registered here so far: how a service with
     * avatars of its own (mailboxes, chat users) shares the application's user base.
     *
     * @param realm the other service's realm
     * @return a new portal
     */
    public Portal withRealm(Realm realm) {
        Portal portal = new Portal(realm);
        portal.checkers = this.checkers;
        return portal;
    }

    /**
     * Logs in: the first checker, in registration order, whose credentials type the credentials
     * are an instance of checks them; the realm then gives the avatar of the user the checker
     * named. Twisted: {@code Portal.login}.
     *
     * @param credentials what the client presented
     * @param mind a client-side object for the realm, often {@code null}
     * @param interfaces the avatar interfaces the caller can use, in its order of preference
     * @return a Deferred of the login, failing with {@link UnhandledCredentialsException} when no
     *         checker handles the credentials, or as the checker or realm failed
     * @throws IllegalArgumentException when no interface is requested
     */
    public Deferred<LoginResult> login(Credentials credentials, @Nullable Object mind, Class<?>... interfaces) {
        Objects.requireNonNull(credentials, "credentials");
        if (interfaces.length == 0) {
            throw new IllegalArgumentException("login needs at least one avatar interface to ask the realm for");
        }
        Class<?>[] requested = interfaces.clone();
        for (Map.Entry<Class<?>, CredentialsChecker> entry : this.checkers.entrySet()) {
            if (entry.getKey().isInstance(credentials)) {
                return check(entry.getValue(), credentials)
                        .thenCompose(avatarId -> requestAvatar(avatarId, mind, requested))
                        .recover(failure -> {
                            log.debug("Login with {} failed: {}", credentials, failure.getErrorMessage());
                            throw failure.raiseException();
                        });
            }
        }
        log.debug("Login with {} failed: no checker handles {}", credentials, credentials.getClass().getName());
        return Deferred.fail(new UnhandledCredentialsException("no checker handles " + credentials.getClass().getName()
                + "; this portal handles " + names(this.checkers.keySet())));
    }

    private static Deferred<String> check(CredentialsChecker checker, Credentials credentials) {
        try {
            return Objects.requireNonNull(checker.requestAvatarId(credentials),
                    () -> checker.getClass().getName() + ".requestAvatarId returned null");
        }
        catch (Throwable ex) {
            return Deferred.fail(ex);
        }
    }

    private Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>[] requested) {
        Deferred<LoginResult> avatar;
        try {
            avatar = Objects.requireNonNull(this.realm.requestAvatar(avatarId, mind, requested.clone()),
                    () -> this.realm.getClass().getName() + ".requestAvatar returned null");
        }
        catch (Throwable ex) {
            return Deferred.fail(ex);
        }
        return avatar.thenApply(result -> accept(avatarId, result, requested));
    }

    private LoginResult accept(String avatarId, LoginResult result, Class<?>[] requested) {
        if (!Arrays.asList(requested).contains(result.iface())) {
            result.logout().run();
            throw new IllegalStateException("realm " + this.realm.getClass().getName() + " answered with "
                    + result.iface().getName() + ", which was not requested " + names(Arrays.asList(requested)));
        }
        log.debug("'{}' logged in as {}", avatarId, result.iface().getSimpleName());
        return new LoginResult(result.iface(), result.avatar(), once(avatarId, result.logout()));
    }

    private static Runnable once(String avatarId, Runnable logout) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                log.debug("'{}' logged out", avatarId);
                logout.run();
            }
        };
    }

    private static String names(Iterable<Class<?>> types) {
        List<String> names = new ArrayList<>();
        types.forEach(type -> names.add(type.getName()));
        return names.toString();
    }

    @Override
    public String toString() {
        return "Portal[realm=" + this.realm.getClass().getName() + ", credentials=" + names(this.checkers.keySet()) + "]";
    }
}
