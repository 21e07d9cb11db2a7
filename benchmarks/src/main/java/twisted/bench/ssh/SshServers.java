package twisted.bench.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import twisted.conch.ConchUser;
import twisted.conch.SSHCommand;
import twisted.conch.SSHSession;
import twisted.conch.avatar.CommandUser;
import twisted.conch.recvline.LineDisciplineOptions;
import twisted.conch.ssh.HostKeys;
import twisted.conch.ssh.ModernAlgorithms;
import twisted.conch.ssh.SSHFactory;
import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.PushProducer;
import twisted.internet.netty.NettyReactor;
import twisted.testing.InMemoryCredentialsChecker;

/**
 * The two SSH servers of the SSH benchmark ({@code benchmarks/run-ssh-load.sh}), each on
 * 127.0.0.1 and a free port, with the user {@code bench} (password {@code bench}), the same
 * algorithms ({@link ModernAlgorithms}) and the same Ed25519 host key (generated into a temporary
 * directory, deleted once loaded), and two commands:
 * <ul>
 * <li>{@code count N}: N bytes on standard output, then exit 0;</li>
 * <li>{@code true}: nothing, exit 0.</li>
 * </ul>
 * Mode {@code twisted}: our {@link SSHFactory} (MINA SSHD's protocol, its I/O on a
 * {@link NettyReactor}: one event loop), a {@link Portal} with an {@link InMemoryCredentialsChecker}
 * and a realm giving a {@link CommandUser}; {@code count} is a push producer that writes 32 KiB
 * chunks only while the transport is writable. Mode {@code mina}: Apache MINA SSHD's own
 * {@link SshServer} with its default NIO2 I/O, a password authenticator, and a command factory whose
 * {@code count} writes 32 KiB chunks to the channel's output stream on its own thread (the way a
 * MINA command is written; the stream blocks while the peer's window is full).
 *
 * <p>Prints {@code listening on <port>}, then serves until killed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar twisted.bench.ssh.SshServers twisted|mina
 * </pre>
 */
public final class SshServers {

    static final String USER = "bench";

    static final String PASSWORD = "bench";

    static final int CHUNK = 32 * 1024;

    private SshServers() {
    }

    /**
     * Starts a server.
     *
     * @param args {@code twisted} or {@code mina}
     * @throws Exception if it cannot listen
     */
    public static void main(String[] args) throws Exception {
        String mode = (args.length > 0) ? args[0] : "twisted";
        Path keyDir = Files.createTempDirectory("ssh-bench-keys");
        List<KeyPair> hostKeys = HostKeys.loadOrGenerate(keyDir.resolve("keys"));
        // the keys are in memory now: leave nothing behind
        try (java.util.stream.Stream<Path> files = Files.walk(keyDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        int port;
        String what;
        switch (mode) {
            case "twisted" -> {
                NettyReactor reactor = NettyReactor.builder().name("ssh-bench").build();
                List<SSHCommand> commands = List.of(new CountCommand(), SSHCommand.of("true", (session, a) -> ""));
                Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(
                        new CommandUser(id, null, commands, LineDisciplineOptions.defaults()), () -> {
                        }, ConchUser.class)));
                portal.registerChecker(new InMemoryCredentialsChecker().addUser(USER, PASSWORD));
                SSHFactory factory = new SSHFactory(reactor, portal, hostKeys);
                factory.setNoisy(false);
                ListeningPort listening = reactor.listenTCP(0, factory, 4096, "127.0.0.1");
                reactor.start().get(10, TimeUnit.SECONDS);
                port = ((IPAddress) listening.getHost()).port();
                what = "twisted SSHFactory on NettyReactor (" + reactor.getStatistics().transport() + ")";
            }
            case "mina" -> {
                SshServer server = ModernAlgorithms.apply(ServerBuilder.builder(), ServerBuilder.DH2KEX).build();
                server.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
                server.setHost("127.0.0.1");
                server.setPort(0);
                server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
                server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
                server.setCommandFactory((channel, line) -> new MinaCommand(line));
                server.start();
                port = server.getPort();
                what = "MINA SSHD " + server.getVersion() + " SshServer, " + server.getIoServiceFactory().getClass().getSimpleName();
            }
            default -> throw new IllegalArgumentException("usage: SshServers twisted|mina");
        }
        System.out.println("listening on " + port + " (" + what + ")");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Byte {@code i} of what {@code count} writes: the same in both servers. */
    static byte[] chunk() {
        byte[] bytes = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            bytes[i] = (byte) ('a' + (i % 26));
        }
        return bytes;
    }

    /** Our {@code count N}. */
    static final class CountCommand implements SSHCommand {

        @Override
        public String getName() {
            return "count";
        }

        @Override
        public Protocol start(SSHSession session, List<String> arguments) {
            return new CountProtocol(Long.parseLong(arguments.get(0)));
        }
    }

    /** Writes N bytes in chunks while the transport is writable, registered as a push producer. */
    static final class CountProtocol extends Protocol implements PushProducer {

        private final byte[] chunk = chunk();

        private final long total;

        private long sent;

        private boolean paused;

        private boolean stopped;

        private boolean producing;

        CountProtocol(long total) {
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
                while (!this.paused && !this.stopped && this.sent < this.total && this.transport.isWritable()) {
                    int n = (int) Math.min(CHUNK, this.total - this.sent);
                    // a fresh array each time: the transport may keep it until it is sent
                    byte[] data = (n == CHUNK) ? this.chunk.clone() : java.util.Arrays.copyOf(this.chunk, n);
                    this.sent += n;
                    this.transport.write(data);
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
        }

        @Override
        public void resumeProducing() {
            this.paused = false;
            produce();
        }

        @Override
        public void stopProducing() {
            this.stopped = true;
        }
    }

    /** MINA's {@code count N} and {@code true}: a command on its own thread. */
    static final class MinaCommand implements Command, Runnable {

        private final String line;

        private OutputStream out;

        private ExitCallback exit;

        private Thread thread;

        MinaCommand(String line) {
            this.line = line;
        }

        @Override
        public void setInputStream(java.io.InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            if (this.line.equals("true")) {
                this.exit.onExit(0);
                return;
            }
            this.thread = new Thread(this, "count");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        @Override
        public void run() {
            String[] words = this.line.split(" ");
            if (words.length != 2 || !words[0].equals("count")) {
                this.exit.onExit(127, "no such command: " + this.line);
                return;
            }
            long total = Long.parseLong(words[1]);
            byte[] chunk = chunk();
            try {
                long sent = 0;
                while (sent < total) {
                    int n = (int) Math.min(CHUNK, total - sent);
                    this.out.write(chunk, 0, n);
                    sent += n;
                }
                this.out.flush();
                this.exit.onExit(0);
            }
            catch (IOException ex) {
                this.exit.onExit(1, ex.toString());
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (this.thread != null) {
                this.thread.interrupt();
            }
        }
    }
}
