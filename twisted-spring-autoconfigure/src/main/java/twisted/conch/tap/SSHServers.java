package twisted.conch.tap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.application.service.ServiceMeter;
import twisted.application.service.ServiceMonitor;
import twisted.conch.checkers.AuthorizedKeys;
import twisted.conch.checkers.AuthorizedKeysFiles;
import twisted.conch.checkers.InMemorySSHKeyDB;
import twisted.conch.checkers.SSHPublicKeyChecker;
import twisted.conch.ssh.HostKeys;
import twisted.conch.ssh.SSHFactory;
import twisted.conch.ssh.SSHSettings;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.Realm;
import twisted.cred.SSHPrivateKey;
import twisted.defer.Deferred;
import twisted.defer.DeferredList;

/**
 * What the {@code ssh} and {@code manhole} services share: the host key, the settings, the
 * public-key checker, the factory on the service's endpoint, and its Actuator details and meters.
 */
final class SSHServers {

    /** Where host keys are kept when no directory is set. */
    static final Path DEFAULT_HOST_KEY_DIRECTORY = Path.of(".twisted", "ssh");

    private SSHServers() {
    }

    /**
     * Listens with an SSH server whose users come from {@code portal}, given their avatars by {@code realm}.
     *
     * @param service the service's name, for messages and meters
     * @param environment the environment variables a client may set
     */
    static Service listen(ServiceMakerContext context, String service, SSHServerOptions options,
            Supplier<@Nullable Portal> portal, Supplier<@Nullable LoginThrottle> throttle,
            @Nullable AuthorizedKeys keysBean, Realm realm, Set<String> environment) {
        Portal base = portal.get();
        if (base == null) {
            throw new IllegalStateException("The " + service + " service needs a twisted.cred Portal to log users in: "
                    + "add spring-security-core and users (twisted.cred.users.*, or a UserDetailsService bean)");
        }
        Portal users = base.withRealm(realm);
        AuthorizedKeys keys = authorizedKeys(context, options, keysBean);
        if (keys != null && !users.listCredentialsInterfaces().contains(SSHPrivateKey.class)) {
            users.registerChecker(new SSHPublicKeyChecker(keys));
        }
        List<KeyPair> hostKeys;
        Path directory = (options.hostKeyDirectory() != null) ? options.hostKeyDirectory() : DEFAULT_HOST_KEY_DIRECTORY;
        try {
            hostKeys = HostKeys.loadOrGenerate(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        SSHFactory factory = new SSHFactory(context.reactor(), users, hostKeys).settings(settings(options, environment))
                .throttle(throttle.get());
        factory.setNoisy(false);
        return context.listen(factory, new Monitor(service, factory));
    }

    static SSHSettings settings(SSHServerOptions options, Set<String> environment) {
        SSHSettings defaults = SSHSettings.defaults();
        return new SSHSettings(or(options.passwordLogins(), defaults.passwordLogins()),
                or(options.publicKeyLogins(), defaults.publicKeyLogins()),
                or(options.keyboardInteractiveLogins(), defaults.keyboardInteractiveLogins()),
                or(options.loginTimeout(), defaults.loginTimeout()), or(options.idleTimeout(), defaults.idleTimeout()),
                or(options.maxLoginAttempts(), defaults.maxLoginAttempts()),
                or(options.maxSessionsPerConnection(), defaults.maxSessionsPerConnection()), environment);
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return (value != null) ? value : fallback;
    }

    /** The keys of the properties, the files and the application's bean, together; {@code null} for none. */
    private static @Nullable AuthorizedKeys authorizedKeys(ServiceMakerContext context, SSHServerOptions options,
            @Nullable AuthorizedKeys bean) {
        List<AuthorizedKeys> sources = new ArrayList<>();
        if (options.authorizedKeys() != null && !options.authorizedKeys().isEmpty()) {
            sources.add(InMemorySSHKeyDB.parse(options.authorizedKeys()));
        }
        if (options.authorizedKeysFile() != null && !options.authorizedKeysFile().isBlank()) {
            sources.add(new AuthorizedKeysFiles(context.reactor(), options.authorizedKeysFile()));
        }
        if (bean != null) {
            sources.add(bean);
        }
        if (sources.isEmpty()) {
            return null;
        }
        if (sources.size() == 1) {
            return sources.get(0);
        }
        return username -> {
            List<Deferred<List<PublicKey>>> lookups = new ArrayList<>();
            sources.forEach(source -> lookups.add(source.getAuthorizedKeys(username)));
            return DeferredList.gatherResults(lookups).thenApply(lists -> {
                List<PublicKey> all = new ArrayList<>();
                lists.forEach(list -> {
                    if (list != null) {
                        all.addAll(list);
                    }
                });
                return all;
            });
        };
    }

    /** The service's Actuator details and meters. */
    private record Monitor(String service, SSHFactory factory) implements ServiceMonitor {

        @Override
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sessions", this.factory.getLoggedInSessions());
            details.put("users", this.factory.getLoggedInUsers());
            details.put("logins", this.factory.getLogins());
            details.put("loginFailures", this.factory.getLoginFailures());
            details.put("hostKeys", this.factory.getHostKeys().stream().map(HostKeys::fingerprint).toList());
            return details;
        }

        @Override
        public List<ServiceMeter> meters() {
            String prefix = "twisted.conch." + this.service;
            return List.of(
                    ServiceMeter.gauge(prefix + ".sessions", "SSH connections logged in", this.factory::getLoggedInSessions),
                    ServiceMeter.counter(prefix + ".logins", "SSH logins accepted", this.factory::getLogins),
                    ServiceMeter.counter(prefix + ".login.failures", "SSH logins refused", this.factory::getLoginFailures));
        }
    }
}
