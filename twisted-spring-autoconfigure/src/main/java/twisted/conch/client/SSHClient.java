package twisted.conch.client;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.jspecify.annotations.Nullable;

import twisted.conch.ssh.ModernAlgorithms;
import twisted.conch.ssh.ReactorIoServiceFactoryFactory;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.Reactor;

/**
 * An SSH client on the reactor: Apache MINA SSHD's client, whose connections are the reactor's
 * and whose sessions run on its threads, behind two calls. {@link #runCommand} runs a command and
 * gives its output and exit status; {@link #connectCommand} connects a Twisted {@link Protocol} to
 * a command's standard input and output (what
 * {@link twisted.conch.endpoints.SSHCommandClientEndpoint} does). Each call makes its own SSH
 * connection, closed when the command ends.
 *
 * <pre>{@code
 * SSHClient client = new SSHClient(reactor, SSHClientOptions.builder("deploy")
 *         .knownHosts(Path.of("known_hosts")).identityFile(Path.of("id_ed25519"), null).build());
 * client.runCommand("build.example.com", 22, "uptime")
 *         .addCallback(result -> log.info("{}", result.stdoutText()));
 * }</pre>
 *
 * <p>Trust: the server's host key is checked against the options' {@code known_hosts}
 * ({@link HostKeyPolicy}: strict by default; a changed key is always refused, with
 * {@link HostKeyChangedException}). Logins try the options' keys, then the password; none of
 * {@code ~/.ssh}, {@code ~/.ssh/config} or an SSH agent is read. Only modern algorithms are
 * offered ({@link ModernAlgorithms}), as by our server.
 *
 * <p>Threads: the calls may be made from any thread; their Deferreds fire, and the protocols are
 * called, on the connection's reactor thread. Cancel a Deferred on the reactor thread.
 *
 * <p>Twisted: there is no such facade; its {@code SSHCommandClientEndpoint.newConnection} is the
 * nearest.
 *
 * @since 0.1.0
 */
public final class SSHClient implements AutoCloseable {

    private final Reactor reactor;

    private final SSHClientOptions options;

    private final SshClient mina;

    /**
     * Creates the client and starts MINA's (it has a timer thread of its own, for its timeouts).
     *
     * @param reactor the reactor whose threads carry the connections
     * @param options who logs in, and what is trusted
     */
    public SSHClient(Reactor reactor, SSHClientOptions options) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.options = Objects.requireNonNull(options, "options");
        SshClient client = ModernAlgorithms.apply(ClientBuilder.builder(), ClientBuilder.DH2KEX)
                .serverKeyVerifier(new KnownHostsVerifier(options.knownHosts(), options.hostKeyPolicy()))
                .hostConfigEntryResolver(HostConfigEntryResolver.EMPTY)
                .build();
        client.setIoServiceFactoryFactory(new ReactorIoServiceFactoryFactory(reactor));
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setAgentFactory(null);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE,
                UserAuthKeyboardInteractiveFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, options.connectTimeout());
        CoreModuleProperties.REQUEST_EXEC_REPLY.set(client, true);
        client.start();
        this.mina = client;
    }

    /**
     * The options the client was made with.
     *
     * @return the options
     */
    public SSHClientOptions getOptions() {
        return this.options;
    }

    /**
     * Runs a command with nothing on its standard input (it reads end-of-file at once).
     *
     * @param host the server's name or address, as {@code known_hosts} knows it
     * @param port its port
     * @param command the command line, as the server's shell will read it
     * @return a Deferred of what the command gave, fired on a reactor thread; see
     *         {@link #runCommand(String, int, String, byte[])} for its failures
     */
    public Deferred<CommandResult> runCommand(String host, int port, String command) {
        return runCommand(host, port, command, null);
    }

    /**
     * Runs a command, feeds it {@code stdin} then end-of-file, and collects its output until it
     * ends. A command that writes more than {@link SSHClientOptions#maxOutputBytes()} (standard
     * output and error together) is cancelled.
     *
     * @param host the server's name or address, as {@code known_hosts} knows it
     * @param port its port
     * @param command the command line, as the server's shell will read it
     * @param stdin what to write to its standard input, or {@code null} for nothing
     * @return a Deferred of what the command gave, fired on a reactor thread; it fails with
     *         {@link HostKeyException} (refused host key), {@link AuthenticationFailedException}
     *         (no credential accepted), {@link twisted.defer.DeferredTimeoutException} (no login
     *         within the options' auth timeout), {@link OutputLimitExceededException}, or the
     *         connection's failure (refused, lost, the command refused by the server)
     */
    public Deferred<CommandResult> runCommand(String host, int port, String command, byte @Nullable [] stdin) {
        Collector collector = new Collector(stdin, this.options.maxOutputBytes());
        Deferred<Protocol> connected = connectCommand(host, port, command, Factory.forProtocol(() -> collector));
        Deferred<CommandResult> result = new Deferred<>(d -> {
            if (!connected.isCalled()) {
                connected.cancel();
            }
            else {
                collector.getTransport().abortConnection();
            }
        });
        connected.addErrback(failure -> {
            if (!result.isCalled()) {
                result.errback(failure);
            }
            return null;
        });
        collector.result = result;
        return result;
    }

    /**
     * Runs a command and connects a protocol built by {@code factory} to it: its transport, an
     * {@link SSHCommandTransport}, writes to the command's standard input, and its
     * {@code dataReceived} gets the command's standard output. The connection is made for this
     * command and closed when it ends. Twisted: {@code SSHCommandClientEndpoint.connect}.
     *
     * @param host the server's name or address, as {@code known_hosts} knows it
     * @param port its port
     * @param command the command line, as the server's shell will read it
     * @param factory builds the protocol once the server runs the command
     * @return a Deferred of the connected protocol (its {@code connectionMade} has run), fired on
     *         the connection's reactor thread, or of why it could not be (as
     *         {@link #runCommand(String, int, String, byte[])}); cancelling it before then
     *         abandons the connection
     */
    public Deferred<Protocol> connectCommand(String host, int port, String command, Factory factory) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(factory, "factory");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port (" + port + ") must be 1 to 65535");
        }
        return new CommandAttempt(this.reactor, this.mina, this.options, host, port, command, factory).start();
    }

    /** Closes every connection at once and stops MINA's client. Closing twice does nothing. */
    @Override
    public void close() {
        this.mina.stop();
    }

    @Override
    public String toString() {
        return "SSHClient[" + this.options + "]";
    }

    /** Collects a command's output for {@link #runCommand}, within the limit. */
    private static final class Collector extends Protocol implements StandardErrorReceiver {

        private final byte @Nullable [] stdin;

        private final long limit;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private @Nullable OutputLimitExceededException exceeded;

        @Nullable Deferred<CommandResult> result;

        Collector(byte @Nullable [] stdin, long limit) {
            this.stdin = stdin;
            this.limit = limit;
        }

        @Override
        public void connectionMade() {
            SSHCommandTransport t = (SSHCommandTransport) this.transport;
            if (this.stdin != null) {
                t.write(this.stdin);
            }
            t.loseWriteConnection();
        }

        @Override
        public void dataReceived(byte[] data) {
            collect(this.out, data);
        }

        @Override
        public void errReceived(byte[] data) {
            collect(this.err, data);
        }

        private void collect(ByteArrayOutputStream into, byte[] data) {
            if (this.exceeded != null) {
                return;
            }
            if ((long) this.out.size() + this.err.size() + data.length > this.limit) {
                this.exceeded = new OutputLimitExceededException(this.limit);
                this.transport.abortConnection();
                return;
            }
            into.write(data, 0, data.length);
        }

        @Override
        public void connectionLost(Failure reason) {
            Deferred<CommandResult> r = this.result;
            if (r == null || r.isCalled()) {
                return;
            }
            SSHCommandTransport t = (SSHCommandTransport) this.transport;
            if (this.exceeded != null) {
                r.errback(this.exceeded);
            }
            else if (t.getExitStatus() != null || t.getExitSignal() != null) {
                r.callback(new CommandResult(this.out.toByteArray(), this.err.toByteArray(), t.getExitStatus(),
                        t.getExitSignal()));
            }
            else {
                r.errback(reason);
            }
        }
    }
}
