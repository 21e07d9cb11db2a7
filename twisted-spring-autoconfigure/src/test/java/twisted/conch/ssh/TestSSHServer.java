package twisted.conch.ssh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.jspecify.annotations.Nullable;

import twisted.conch.ConchUser;
import twisted.conch.SSHCommand;
import twisted.conch.SSHSession;
import twisted.conch.SSHSessionTransport;
import twisted.conch.ShellFactory;
import twisted.conch.WindowChangeListener;
import twisted.conch.avatar.CommandUser;
import twisted.conch.recvline.Interruptible;
import twisted.conch.recvline.LineDisciplineOptions;
import twisted.cred.CredentialsChecker;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.Protocol;
import twisted.internet.PushProducer;
import twisted.internet.Reactor;
import twisted.protocols.basic.LineReceiver;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.RunningReactor;

/**
 * An SSH server on loopback for tests, served the way the {@code ssh} service serves: its realm
 * gives every user a {@link CommandUser}. User {@code alice} logs in with {@link #PASSWORD}; other
 * users' public keys come from the test's checker. The shell ({@link TestShell}) greets, answers
 * each line with {@code you said: LINE}, says {@code interrupted} on Ctrl-C and ends with exit
 * status 0 on {@code quit}; with a terminal it runs under the line discipline with the prompt
 * {@link #PROMPT}. The commands:
 * <ul>
 * <li>{@code echo ARGS}: the arguments and a line feed, exit 0;</li>
 * <li>{@code exit N}: nothing, exit N;</li>
 * <li>{@code err}: {@code to stdout} on standard output, {@code to stderr} on standard error, exit 2;</li>
 * <li>{@code cat}: standard input to standard output until end of file, then exit 0;</li>
 * <li>{@code count N}: N bytes of {@link #pattern} as a push producer that writes only while the
 * transport is writable ({@link CountCommand} tells when it was paused and resumed);</li>
 * <li>{@code sink}: reads standard input until end of file, then writes {@code BYTES SHA256HEX}.</li>
 * <li>{@code env}: the session's environment, {@code NAME=VALUE} lines sorted by name, exit 0;</li>
 * <li>{@code winsize}: {@code start TYPE COLSxROWS} (or {@code start none}) from the session's
 * terminal, then {@code size COLSxROWS} on each window change, until it reads {@code q} (exit 0);</li>
 * <li>{@code signal NAME MESSAGE}: ends as killed by signal NAME.</li>
 * </ul>
 */
public final class TestSSHServer implements AutoCloseable {

    public static final String PASSWORD = "correct horse";

    static final String GREETING = "welcome to the test shell";

    static final String PROMPT = "test> ";

    public final RunningReactor running;

    public final SSHFactory factory;

    public final int port;

    public final List<KeyPair> hostKeys;

    final CountCommand count = new CountCommand();

    public TestSSHServer(Path dir, @Nullable CredentialsChecker keys) throws Exception {
        this(dir, reactor -> keys, null);
    }

    /**
     * Starts the server.
     *
     * @param dir where its host key is kept
     * @param keys makes the checker of public keys from the server's reactor, or gives {@code null}
     * @param throttle slows down failed logins, or {@code null}
     */
    TestSSHServer(Path dir, Function<Reactor, @Nullable CredentialsChecker> keys, @Nullable LoginThrottle throttle)
            throws Exception {
        this(builder(dir).keys(keys).throttle(throttle));
    }

    private TestSSHServer(Builder builder) throws Exception {
        this.running = RunningReactor.start();
        CredentialsChecker checker = builder.keys.apply(this.running.reactor());
        this.hostKeys = HostKeys.loadOrGenerate(builder.dir.resolve("host-keys"));
        List<SSHCommand> commands = List.of(SSHCommand.of("echo", (session, args) -> String.join(" ", args) + "\n"),
                new ExitCommand(), new ErrCommand(), new CatCommand(), this.count, new SinkCommand(),
                SSHCommand.of("env", (session, args) -> new TreeMap<>(session.getEnvironment()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + "\n").collect(Collectors.joining())),
                new WinsizeCommand(), new SignalCommand());
        Function<String, ConchUser> avatars = (builder.avatars != null) ? builder.avatars
                : id -> new CommandUser(id, builder.shell, commands, LineDisciplineOptions.defaults().withPrompt(PROMPT));
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(avatars.apply(id),
                () -> {
                }, ConchUser.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", PASSWORD));
        if (checker != null) {
            portal.registerChecker(checker);
        }
        this.factory = new SSHFactory(this.running.reactor(), portal, this.hostKeys).throttle(builder.throttle)
                .settings(builder.settings);
        this.port = this.running.listenTCP(this.factory);
    }

    /**
     * A server with more than the defaults: settings, a throttle, another shell or avatar.
     *
     * @param dir where its host key is kept
     * @return the builder
     */
    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** What {@link #builder} starts; every option has the plain server's default. */
    static final class Builder {

        private final Path dir;

        private Function<Reactor, @Nullable CredentialsChecker> keys = reactor -> null;

        private @Nullable LoginThrottle throttle;

        private SSHSettings settings = SSHSettings.defaults();

        private @Nullable ShellFactory shell = session -> new TestShell();

        private @Nullable Function<String, ConchUser> avatars;

        private Builder(Path dir) {
            this.dir = dir;
        }

        Builder keys(Function<Reactor, @Nullable CredentialsChecker> keys) {
            this.keys = keys;
            return this;
        }

        Builder throttle(@Nullable LoginThrottle throttle) {
            this.throttle = throttle;
            return this;
        }

        Builder settings(SSHSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The {@link CommandUser}'s shell; {@code null} refuses shells. */
        Builder shell(@Nullable ShellFactory shell) {
            this.shell = shell;
            return this;
        }

        /** Gives every user this avatar instead of a {@link CommandUser} with the test commands. */
        Builder avatars(Function<String, ConchUser> avatars) {
            this.avatars = avatars;
            return this;
        }

        TestSSHServer start() throws Exception {
            return new TestSSHServer(this);
        }
    }

    /** The server's host keys as {@code known_hosts} lines for {@code [127.0.0.1]:PORT}. */
    String knownHostsLines() {
        return this.hostKeys.stream()
                .map(pair -> "[127.0.0.1]:" + this.port + " " + PublicKeyEntry.toString(pair.getPublic()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    public void close() {
        this.running.close();
    }

    /** Byte {@code i} of what {@code count} writes. */
    static byte patternByte(long i) {
        return (byte) ('a' + (i % 26));
    }

    /** The first {@code n} bytes of {@link #pattern}. */
    static byte[] pattern(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = patternByte(i);
        }
        return bytes;
    }

    /** What {@code sink} answers for these bytes. */
    static String sinkAnswer(byte[] data) {
        return data.length + " " + HexFormat.of().formatHex(sha256().digest(data)) + "\n";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static SSHSessionTransport session(Protocol protocol) {
        return (SSHSessionTransport) protocol.getTransport();
    }

    /** The shell: a line protocol that knows nothing of terminals. */
    static final class TestShell extends LineReceiver implements Interruptible {

        @Override
        public void connectionMade() {
            sendLine(GREETING);
        }

        @Override
        public void lineReceived(String line) {
            if (line.equals("quit")) {
                sendLine("bye");
                this.transport.loseConnection();
            }
            else if (line.startsWith("quit ")) {
                sendLine("bye");
                ((SSHSessionTransport) this.transport).exit(Integer.parseInt(line.substring(5)));
            }
            else {
                sendLine("you said: " + line);
            }
        }

        @Override
        public void interrupted() {
            sendLine("interrupted");
        }
    }

    /** {@code exit N}. */
    static final class ExitCommand implements SSHCommand {

        @Override
        public String getName() {
            return "exit";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            int status = Integer.parseInt(arguments.get(0));
            return new Protocol() {
                @Override
                public void connectionMade() {
                    session(this).exit(status);
                }
            };
        }
    }

    /** {@code err}: one line on each stream, exit 2. */
    static final class ErrCommand implements SSHCommand {

        @Override
        public String getName() {
            return "err";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            return new Protocol() {
                @Override
                public void connectionMade() {
                    SSHSessionTransport t = session(this);
                    t.write("to stdout\n".getBytes(StandardCharsets.UTF_8));
                    t.writeExtended("to stderr\n".getBytes(StandardCharsets.UTF_8));
                    t.exit(2);
                }
            };
        }
    }

    /** {@code cat}. */
    static final class CatCommand implements SSHCommand {

        @Override
        public String getName() {
            return "cat";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            return new CatProtocol();
        }
    }

    /** Copies standard input to standard output until EOF, then exits 0. */
    static final class CatProtocol extends Protocol implements HalfCloseableProtocol {

        @Override
        public void dataReceived(byte[] data) {
            this.transport.write(data);
        }

        @Override
        public void readConnectionLost() {
            this.transport.loseConnection();
        }

        @Override
        public void writeConnectionLost() {
        }
    }

    /** {@code sink}: counts and hashes standard input, answers at its end. */
    static final class SinkCommand implements SSHCommand {

        @Override
        public String getName() {
            return "sink";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            return new SinkProtocol();
        }
    }

    static final class SinkProtocol extends Protocol implements HalfCloseableProtocol {

        private final MessageDigest digest = sha256();

        private long bytes;

        @Override
        public void dataReceived(byte[] data) {
            this.digest.update(data);
            this.bytes += data.length;
        }

        @Override
        public void readConnectionLost() {
            this.transport.write((this.bytes + " " + HexFormat.of().formatHex(this.digest.digest()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            this.transport.loseConnection();
        }

        @Override
        public void writeConnectionLost() {
        }
    }

    /**
     * {@code count N}: N bytes of the pattern, written in chunks while the transport is writable,
     * as a push producer registered on it. What it went through is kept for the tests: the bytes
     * written, and each pause and resume as it happened.
     */
    static final class CountCommand implements SSHCommand {

        static final int CHUNK = 8192;

        final AtomicInteger resumes = new AtomicInteger();

        final AtomicLong written = new AtomicLong();

        /** Each pause and resume, as the bytes written by then: positive for a pause, negative for a resume. */
        final BlockingQueue<Long> events = new LinkedBlockingQueue<>();

        @Override
        public String getName() {
            return "count";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            return new CountProtocol(this, Long.parseLong(arguments.get(0)));
        }
    }

    static final class CountProtocol extends Protocol implements PushProducer {

        private final CountCommand command;

        private final long total;

        private long sent;

        private boolean paused;

        private boolean stopped;

        private boolean producing;

        CountProtocol(CountCommand command, long total) {
            this.command = command;
            this.total = total;
        }

        @Override
        public void connectionMade() {
            this.transport.registerProducer(this, true);
            produce();
        }

        private void produce() {
            if (this.producing) {
                return;
            }
            this.producing = true;
            try {
                while (!this.paused && !this.stopped && this.sent < this.total) {
                    if (!this.transport.isWritable()) {
                        // registered as a producer, it is paused before this happens
                        throw new IllegalStateException("count wrote past the transport's high-water mark");
                    }
                    int n = (int) Math.min(CountCommand.CHUNK, this.total - this.sent);
                    byte[] chunk = new byte[n];
                    for (int i = 0; i < n; i++) {
                        chunk[i] = patternByte(this.sent + i);
                    }
                    this.sent += n;
                    this.command.written.addAndGet(n);
                    this.transport.write(chunk);
                }
                if (this.sent == this.total && !this.stopped) {
                    this.stopped = true;
                    this.transport.unregisterProducer();
                    this.transport.loseConnection();
                }
            }
            finally {
                this.producing = false;
            }
        }

        @Override
        public void pauseProducing() {
            this.paused = true;
            this.command.events.add(this.sent);
        }

        @Override
        public void resumeProducing() {
            this.paused = false;
            this.command.resumes.incrementAndGet();
            this.command.events.add(-this.sent);
            produce();
        }

        @Override
        public void stopProducing() {
            this.stopped = true;
        }
    }
    /** {@code winsize}: tells the terminal's size at start and at each change. */
    static final class WinsizeCommand implements SSHCommand {

        @Override
        public String getName() {
            return "winsize";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            return new WinsizeProtocol();
        }
    }

    /** Writes {@code start ...} and {@code size COLSxROWS} lines; ends on {@code q}. */
    static final class WinsizeProtocol extends Protocol implements WindowChangeListener {

        @Override
        public void connectionMade() {
            String start = session(this).getSession().getTerminal()
                    .map(t -> "start " + t.type() + " " + t.columns() + "x" + t.rows()).orElse("start none");
            this.transport.write((start + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void windowChanged(int columns, int rows) {
            this.transport.write(("size " + columns + "x" + rows + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void dataReceived(byte[] data) {
            for (byte b : data) {
                if (b == 'q') {
                    session(this).exit(0);
                    return;
                }
            }
        }
    }

    /** {@code signal NAME MESSAGE}. */
    static final class SignalCommand implements SSHCommand {

        @Override
        public String getName() {
            return "signal";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            return new Protocol() {
                @Override
                public void connectionMade() {
                    SSHSessionTransport t = session(this);
                    t.write("about to die\n".getBytes(StandardCharsets.US_ASCII));
                    t.exitSignal(arguments.get(0), String.join(" ", arguments.subList(1, arguments.size())));
                }
            };
        }
    }
}
