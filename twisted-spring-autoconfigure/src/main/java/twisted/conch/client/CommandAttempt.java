package twisted.conch.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.conch.ssh.ReactorIoServiceFactoryFactory;
import twisted.defer.Deferred;
import twisted.defer.DeferredTimeoutException;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.error.ConnectionLostException;
import twisted.time.DelayedCall;

/**
 * One SSH connection made to run one command: connect, check the host key, log in, open an exec
 * channel, and once the server runs the command, connect the protocol. Each step's MINA future
 * comes back to a reactor thread (the connection's, once there is one). Its Deferred fires there
 * with the connected protocol or the first failure; cancelling it closes whatever is open.
 */
final class CommandAttempt {

    /** Where the host key check finds its attempt: the connection's context. */
    static final AttributeRepository.AttributeKey<CommandAttempt> KEY = new AttributeRepository.AttributeKey<>();

    private static final Logger log = LoggerFactory.getLogger(CommandAttempt.class);

    private final Reactor reactor;

    private final SshClient mina;

    private final SSHClientOptions options;

    private final String host;

    private final int port;

    private final String command;

    private final Factory factory;

    private final Deferred<Protocol> result;

    private volatile @Nullable ConnectFuture connecting;

    private volatile @Nullable ClientSession session;

    private volatile @Nullable HostKeyException hostKeyRefusal;

    private volatile boolean timedOut;

    private @Nullable DelayedCall authTimer;

    private @Nullable CommandTransport transport;

    private boolean factoryStarted;

    CommandAttempt(Reactor reactor, SshClient mina, SSHClientOptions options, String host, int port, String command,
            Factory factory) {
        this.reactor = reactor;
        this.mina = mina;
        this.options = options;
        this.host = host;
        this.port = port;
        this.command = command;
        this.factory = factory;
        this.result = new Deferred<>(d -> cancelled());
    }

    String host() {
        return this.host;
    }

    int port() {
        return this.port;
    }

    void hostKeyRefused(HostKeyException refusal) {
        this.hostKeyRefusal = refusal;
    }

    private String label() {
        return "SSH " + this.options.username() + "@" + KnownHostsVerifier.hostAndPort(this.host, this.port);
    }

    Deferred<Protocol> start() {
        try {
            ConnectFuture future = this.mina.connect(this.options.username(),
                    InetSocketAddress.createUnresolved(this.host, this.port), AttributeRepository.ofKeyValuePair(KEY, this),
                    null);
            this.connecting = future;
            future.addListener(f -> this.reactor.execute(() -> connected(f)));
        }
        catch (IOException | RuntimeException ex) {
            this.reactor.execute(() -> fail(ex));
        }
        return this.result;
    }

    private void connected(ConnectFuture future) {
        if (!future.isConnected()) {
            Throwable cause = future.getException();
            fail((cause != null) ? cause : new ConnectionLostException());
            return;
        }
        ClientSession s = future.getClientSession();
        this.session = s;
        if (this.result.isCalled()) {
            s.close(true);
            return;
        }
        Executor loop = ReactorIoServiceFactoryFactory.executor(s);
        s.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(this.options.identities()));
        s.setPasswordIdentityProvider(passwords(this.options.password()));
        this.authTimer = this.reactor.callLater(this.options.authTimeout(), () -> {
            this.timedOut = true;
            s.close(true);
        });
        try {
            s.auth().addListener(auth -> loop.execute(() -> authenticated(s, loop, auth)));
        }
        catch (IOException | RuntimeException ex) {
            fail(ex);
            s.close(true);
        }
    }

    /** Asks the supplier at each login, and clears what it gave. */
    private static PasswordIdentityProvider passwords(@Nullable Supplier<char[]> password) {
        if (password == null) {
            return PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER;
        }
        return context -> {
            char[] chars = password.get();
            try {
                return List.of(new String(chars));
            }
            finally {
                Arrays.fill(chars, '\0');
            }
        };
    }

    private void authenticated(ClientSession s, Executor loop, AuthFuture auth) {
        DelayedCall timer = this.authTimer;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        if (this.result.isCalled()) {
            s.close(true);
            return;
        }
        if (!auth.isSuccess()) {
            fail(loginFailure(auth.getException()));
            s.close(true);
            return;
        }
        CommandTransport t = new CommandTransport(this.reactor, loop, this.options.closeTimeout(),
                ReactorIoServiceFactoryFactory.peer(s), ReactorIoServiceFactoryFactory.host(s), label(),
                this::accepted, () -> channelClosed(s));
        CommandChannel channel = new CommandChannel(this.command, t);
        t.bind(channel);
        this.transport = t;
        try {
            s.getService(ConnectionService.class).registerChannel(channel);
            OpenFuture open = channel.open();
            open.addListener(o -> loop.execute(() -> opened(t, o)));
        }
        catch (IOException | RuntimeException ex) {
            fail(ex);
            s.close(true);
        }
    }

    private Throwable loginFailure(@Nullable Throwable cause) {
        HostKeyException refusal = this.hostKeyRefusal;
        if (refusal != null) {
            return refusal;
        }
        if (this.timedOut) {
            log.debug("{}: no login within {}", label(), this.options.authTimeout());
            return new DeferredTimeoutException(this.options.authTimeout());
        }
        if (cause instanceof SshException ssh
                && (ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE
                        || String.valueOf(ssh.getMessage()).contains("No more authentication methods"))) {
            return new AuthenticationFailedException(label() + ": the server accepted none of the client's "
                    + this.options.identities().size() + " key(s)"
                    + ((this.options.password() != null) ? " nor its password" : ""));
        }
        return (cause != null) ? new ConnectionLostException(cause) : new ConnectionLostException();
    }

    private void opened(CommandTransport t, OpenFuture open) {
        if (!open.isOpened()) {
            Throwable cause = open.getException();
            fail((cause != null) ? new ConnectionLostException(cause) : new ConnectionLostException());
            closeSession(true);
            return;
        }
        if (this.result.isCalled()) {
            t.abortConnection();
            return;
        }
        t.opened();
    }

    /** The server runs the command: connect the protocol. On the connection's thread. */
    private void accepted() {
        CommandTransport t = this.transport;
        if (t == null) {
            return;
        }
        if (this.result.isCalled()) {
            t.abortConnection();
            return;
        }
        Protocol protocol;
        try {
            this.factory.doStart();
            this.factoryStarted = true;
            protocol = this.factory.buildProtocol(t.getPeer());
        }
        catch (RuntimeException ex) {
            fail(ex);
            t.abortConnection();
            return;
        }
        if (protocol == null) {
            fail(new IllegalStateException(this.factory + " refused to build a protocol"));
            t.abortConnection();
            return;
        }
        t.attach(protocol);
        if (!this.result.isCalled()) {
            this.result.callback(protocol);
        }
    }

    /** The command's channel is closed: the connection goes with it. */
    private void channelClosed(ClientSession s) {
        CommandTransport t = this.transport;
        if (!this.result.isCalled() && t != null) {
            fail(t.wasRefused() ? new IOException(label() + ": the server refused to run the command")
                    : new ConnectionLostException(t.reason()));
        }
        if (this.factoryStarted) {
            this.factoryStarted = false;
            this.factory.doStop();
        }
        s.close(false);
    }

    private void fail(Throwable failure) {
        if (!this.result.isCalled()) {
            this.result.errback(failure);
        }
    }

    /** The Deferred was cancelled: close what is open. */
    private void cancelled() {
        ConnectFuture future = this.connecting;
        if (future != null && !future.isDone()) {
            future.cancel();
        }
        closeSession(true);
    }

    private void closeSession(boolean immediately) {
        ClientSession s = this.session;
        if (s != null) {
            s.close(immediately);
        }
    }

    @Override
    public String toString() {
        return "CommandAttempt[" + label() + "]";
    }
}
