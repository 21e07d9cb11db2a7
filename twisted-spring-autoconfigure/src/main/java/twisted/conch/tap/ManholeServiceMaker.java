package twisted.conch.tap;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.conch.avatar.CommandUser;
import twisted.conch.ShellFactory;
import twisted.conch.checkers.AuthorizedKeys;
import twisted.conch.manhole.ManholeInterpreter;
import twisted.conch.manhole.ManholeProtocol;
import twisted.conch.recvline.LineDisciplineOptions;
import twisted.cred.LoginDeniedException;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.UserRoles;
import twisted.internet.Reactor;

/**
 * The {@code manhole} service: an administrative JShell over SSH with the application's beans in
 * scope (Twisted's {@code twistd manhole}), off unless {@code twisted.services.manhole.enabled=true};
 * {@code tcp:2223:interface=127.0.0.1} unless {@code twisted.services.manhole.endpoint} says
 * otherwise; its {@link ManholeOptions} under {@code twisted.services.manhole.options}. Only users
 * with the role (Spring Security's {@code ROLE_ADMIN} unless {@code role} says otherwise, as
 * {@link UserRoles} tells) may log in; every snippet they run is written to the audit log
 * ({@value ManholeInterpreter#AUDIT_LOGGER}). No commands: only the shell.
 *
 * @since 0.1.0
 */
public final class ManholeServiceMaker implements ServiceMaker<ManholeOptions> {

    /** How long a snippet may run when {@code evaluation-timeout} is unset. */
    public static final Duration DEFAULT_EVALUATION_TIMEOUT = Duration.ofMinutes(1);

    /** The role a user needs when {@code role} is unset: Spring Security's {@code ROLE_ADMIN}. */
    public static final String DEFAULT_ROLE = "ADMIN";

    private final Supplier<@Nullable Portal> portal;

    private final Supplier<@Nullable LoginThrottle> throttle;

    private final Supplier<@Nullable UserRoles> roles;

    private final Supplier<@Nullable AuthorizedKeys> keys;

    private final Supplier<Map<String, Object>> namespace;

    /**
     * Creates the maker; each supplier is asked only when the service is made.
     *
     * @param portal the portal logins go through
     * @param throttle the login throttle
     * @param roles tells users' roles
     * @param keys the application's store of users' public keys, or {@code null}
     * @param namespace the objects in scope in each session, by name (the application's beans)
     */
    public ManholeServiceMaker(Supplier<@Nullable Portal> portal, Supplier<@Nullable LoginThrottle> throttle,
            Supplier<@Nullable UserRoles> roles, Supplier<@Nullable AuthorizedKeys> keys,
            Supplier<Map<String, Object>> namespace) {
        this.portal = portal;
        this.throttle = throttle;
        this.roles = roles;
        this.keys = keys;
        this.namespace = namespace;
    }

    @Override
    public String getName() {
        return "manhole";
    }

    @Override
    public String getDescription() {
        return "administrative JShell over SSH (twistd manhole): the application's beans in scope, admins only, audited";
    }

    @Override
    public Class<ManholeOptions> getOptionsType() {
        return ManholeOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:2223:interface=127.0.0.1";
    }

    /**
     * None: the SSH server keeps its own {@code options.login-timeout} and
     * {@code options.idle-timeout}, which end the connection with an SSH disconnect message, as
     * for the {@code ssh} service.
     *
     * @return {@code null}
     */
    @Override
    public @Nullable Duration getDefaultIdleTimeout() {
        return null;
    }

    @Override
    public Service makeService(ServiceMakerContext context, ManholeOptions options) {
        UserRoles userRoles = this.roles.get();
        if (userRoles == null) {
            throw new IllegalStateException("The manhole service admits users by role, but nothing tells users' roles: "
                    + "give users roles under twisted.cred.users.*.roles or with a ReactiveUserDetailsService bean, "
                    + "or define a twisted.cred.UserRoles bean");
        }
        String role = "ROLE_" + ((options.role() != null) ? options.role() : DEFAULT_ROLE);
        Duration timeout = (options.evaluationTimeout() != null) ? options.evaluationTimeout()
                : DEFAULT_EVALUATION_TIMEOUT;
        Reactor reactor = context.reactor();
        ShellFactory shell = session -> {
            Executor thread = reactor.currentThreadExecutor();
            ManholeInterpreter interpreter = ManholeInterpreter.builder().namespace(this.namespace.get())
                    .user(session.getUsername()).peer(String.valueOf(session.getPeer())).callbacks(thread).start();
            return new ManholeProtocol(interpreter, reactor, timeout);
        };
        LineDisciplineOptions lines = LineDisciplineOptions.defaults();
        return SSHServers.listen(context, getName(), options, this.portal, this.throttle, this.keys.get(),
                (avatarId, mind, interfaces) -> userRoles.rolesOf(avatarId).thenApply(held -> {
                    if (!held.contains(role)) {
                        throw new LoginDeniedException("the manhole is for " + role + " only");
                    }
                    return LoginResult.of(new CommandUser(avatarId, shell, List.of(), lines), () -> {
                    }, interfaces);
                }), Set.of());
    }
}
