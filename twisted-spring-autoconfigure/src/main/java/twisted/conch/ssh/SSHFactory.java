package twisted.conch.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuth;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.jspecify.annotations.Nullable;

import twisted.conch.ConchUser;
import twisted.conch.SSHSession;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.Reactor;

/**
 * An SSH server as a Twisted factory: listen on it like on any factory (an endpoint, a service)
 * and each connection speaks SSH-2, with Apache MINA SSHD's transport, key exchange, ciphers and
 * channels running on the connection's reactor thread. Users log in through the {@link Portal}
 * (password, public key, optionally keyboard-interactive; failures slowed down by the
 * {@link LoginThrottle}); the realm gives a {@link ConchUser}, which decides what each session
 * channel gets: a shell or a command, each a Twisted {@link Protocol} over an
 * {@link twisted.conch.SSHSessionTransport}. Only session channels are opened: no port, agent or X11
 * forwarding.
 *
 * <p>Only modern algorithms are offered ({@link ModernAlgorithms}): key exchange over Curve25519, sntrup761 or ML-KEM hybrids
 * and 4096-bit or larger groups; ChaCha20-Poly1305, AES-GCM and AES-CTR with encrypt-then-MAC
 * SHA-2 MACs; Ed25519 and RSA with SHA-2 signatures; strict key exchange against the Terrapin
 * attack. Nothing with SHA-1, CBC or NIST curves.
 *
 * <p>Twisted: {@code twisted.conch.ssh.factory.SSHFactory}.
 *
 * @since 0.1.0
 */
public class SSHFactory extends Factory {

    private final Reactor reactor;

    private final Portal portal;

    private final List<KeyPair> hostKeys;

    private SSHSettings settings = SSHSettings.defaults();

    private @Nullable LoginThrottle throttle;

    private @Nullable SshServer server;

    private @Nullable HandoverAcceptor acceptor;

    private @Nullable PortalLogin login;

    /**
     * Creates the factory.
     *
     * @param reactor the reactor whose threads run the connections
     * @param portal logs users in; its realm must give a {@link ConchUser}
     * @param hostKeys the server's host keys ({@link HostKeys#loadOrGenerate})
     */
    public SSHFactory(Reactor reactor, Portal portal, List<KeyPair> hostKeys) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.portal = Objects.requireNonNull(portal, "portal");
        this.hostKeys = List.copyOf(hostKeys);
        if (this.hostKeys.isEmpty()) {
            throw new IllegalArgumentException("an SSH server needs a host key");
        }
    }

    /**
     * Sets how the server serves; before it starts.
     *
     * @param settings the settings
     * @return this factory
     */
    public SSHFactory settings(SSHSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Slows down failed logins per host, as every protocol of the application does; before it starts.
     *
     * @param throttle the throttle, or {@code null} for none
     * @return this factory
     */
    public SSHFactory throttle(@Nullable LoginThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    /**
     * The server's settings.
     *
     * @return the settings
     */
    public SSHSettings getSettings() {
        return this.settings;
    }

    /**
     * The server's public host keys, for clients' {@code known_hosts}.
     *
     * @return the keys
     */
    public List<PublicKey> getHostKeys() {
        return this.hostKeys.stream().map(KeyPair::getPublic).toList();
    }

    @Override
    public @Nullable Protocol buildProtocol(Address address) {
        HandoverAcceptor a = this.acceptor;
        if (a == null) {
            throw new IllegalStateException("the SSH factory has not started: listen on it first");
        }
        Protocol protocol = a.newProtocol();
        protocol.setFactory(this);
        return protocol;
    }

    @Override
    public void startFactory() {
        SshServer s = ModernAlgorithms.apply(ServerBuilder.builder(), ServerBuilder.DH2KEX).build();
        PortalLogin portalLogin = new PortalLogin(this.portal, this.throttle);
        s.setIoServiceFactoryFactory(new ReactorIoServiceFactoryFactory(this.reactor));
        s.setKeyPairProvider(KeyPairProvider.wrap(this.hostKeys));
        s.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        s.setChannelFactories(List.of(ConchChannelSession.factory(this.settings)));
        s.setSubsystemFactories(List.of());
        s.setUserAuthFactories(userAuthFactories(portalLogin));
        s.setPasswordAuthenticator(portalLogin);
        s.setPublickeyAuthenticator((username, key, session) -> true);
        s.setShellFactory(channel -> command(channel, (user, session) -> user.openShell(session)));
        s.setCommandFactory((channel, line) -> command(channel, (user, session) -> user.execCommand(session, line)));
        CoreModuleProperties.AUTH_TIMEOUT.set(s, this.settings.loginTimeout());
        CoreModuleProperties.IDLE_TIMEOUT.set(s, this.settings.idleTimeout());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(s, this.settings.maxLoginAttempts());
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(s, this.settings.maxSessionsPerConnection());
        CoreModuleProperties.SERVER_IDENTIFICATION.set(s, "TwistedSpring");
        // The reactor's port is the real socket; MINA's acceptor only takes over its connections.
        s.setPort(22);
        try {
            s.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("the SSH server could not start", ex);
        }
        this.server = s;
        this.login = portalLogin;
        this.acceptor = ((ReactorIoServiceFactoryFactory.ReactorIoServiceFactory) s.getIoServiceFactory()).acceptor();
    }

    private List<UserAuthFactory> userAuthFactories(PortalLogin portalLogin) {
        List<UserAuthFactory> methods = new ArrayList<>();
        if (this.settings.publicKeyLogins()) {
            UserAuthPublicKeyFactory keys = new UserAuthPublicKeyFactory();
            methods.add(new UserAuthFactory() {
                @Override
                public String getName() {
                    return keys.getName();
                }

                @Override
                public UserAuth createUserAuth(ServerSession session) {
                    return new PortalLogin.AsyncPublicKey(
                            new PortalLogin.PublicKeyMethod(portalLogin, keys.getSignatureFactories()));
                }
            });
        }
        if (this.settings.passwordLogins()) {
            methods.add(UserAuthPasswordFactory.INSTANCE);
        }
        if (this.settings.keyboardInteractiveLogins()) {
            methods.add(UserAuthKeyboardInteractiveFactory.INSTANCE);
        }
        return methods;
    }

    private @Nullable Command command(ChannelSession channel,
            java.util.function.BiFunction<ConchUser, SSHSession, @Nullable Protocol> choose) {
        ServerSession serverSession = channel.getServerSession();
        LoginResult result = serverSession.getAttribute(PortalLogin.AVATAR);
        if (result == null || !(channel instanceof ConchChannelSession conch)) {
            return null;
        }
        ConchUser user = result.avatar(ConchUser.class);
        ReactorIoSession io = (ReactorIoSession) serverSession.getIoSession();
        SSHSession session = new SSHSession(user.getUsername(), io.transport().getPeer(), conch.terminal(),
                conch.clientEnvironment());
        Protocol protocol = choose.apply(user, session);
        if (protocol == null) {
            return null;
        }
        return new SessionChannel(this.reactor, session, io.transport().getHost(), protocol);
    }

    /** Tells each client the server is shutting down ({@code SSH_MSG_DISCONNECT}), then stops MINA's server. */
    @Override
    public void stopFactory() {
        SshServer s = this.server;
        HandoverAcceptor a = this.acceptor;
        this.server = null;
        this.acceptor = null;
        if (a != null) {
            for (IoSession io : a.getManagedSessions().values()) {
                IoSessionProtocol.sayGoodbye((ReactorIoSession) io);
            }
        }
        if (s != null) {
            try {
                s.stop(true);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("the SSH server did not stop cleanly", ex);
            }
        }
    }

    /**
     * The connections logged in now.
     *
     * @return their number
     */
    public int getLoggedInSessions() {
        return loggedIn().size();
    }

    /**
     * The users logged in now, with how many connections each has.
     *
     * @return the users, by name
     */
    public Map<String, Integer> getLoggedInUsers() {
        Map<String, Integer> users = new TreeMap<>();
        for (LoginResult result : loggedIn()) {
            users.merge(result.avatar(ConchUser.class).getUsername(), 1, Integer::sum);
        }
        return users;
    }

    private List<LoginResult> loggedIn() {
        HandoverAcceptor a = this.acceptor;
        if (a == null) {
            return List.of();
        }
        List<LoginResult> results = new ArrayList<>();
        for (IoSession io : a.getManagedSessions().values()) {
            Object session = io.getAttribute(org.apache.sshd.common.session.helpers.AbstractSession.SESSION);
            if (session instanceof Session s) {
                LoginResult result = s.getAttribute(PortalLogin.AVATAR);
                if (result != null) {
                    results.add(result);
                }
            }
        }
        return results;
    }

    /**
     * Logins accepted since the server started.
     *
     * @return the count
     */
    public long getLogins() {
        PortalLogin l = this.login;
        return (l != null) ? l.logins() : 0;
    }

    /**
     * Logins refused since the server started.
     *
     * @return the count
     */
    public long getLoginFailures() {
        PortalLogin l = this.login;
        return (l != null) ? l.failures() : 0;
    }
}
