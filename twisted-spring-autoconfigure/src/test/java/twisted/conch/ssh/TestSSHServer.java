package twisted.conch.ssh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.jspecify.annotations.Nullable;

import twisted.conch.ConchUser;
import twisted.conch.SSHSession;
import twisted.conch.SSHSessionTransport;
import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.Protocol;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.RunningReactor;

/**
 * An SSH server on loopback for tests: user {@code alice} with password {@link #PASSWORD}, an
 * echo shell, and a few commands ({@code echo ARGS}, {@code exit N}, {@code cat}, {@code err TEXT},
 * {@code count N} writing N bytes). Other users' public keys come from the test.
 */
public final class TestSSHServer implements AutoCloseable {

    public static final String PASSWORD = "correct horse";

    public final RunningReactor running;

    public final SSHFactory factory;

    public final int port;

    public final List<KeyPair> hostKeys;

    public TestSSHServer(Path dir, twisted.cred.@Nullable CredentialsChecker keys) throws Exception {
        this.running = RunningReactor.start();
        this.hostKeys = HostKeys.loadOrGenerate(dir.resolve("host-keys"));
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new TestUser(id), () -> {
        }, ConchUser.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", PASSWORD));
        if (keys != null) {
            portal.registerChecker(keys);
        }
        this.factory = new SSHFactory(this.running.reactor(), portal, this.hostKeys);
        this.port = this.running.listenTCP(this.factory);
    }

    @Override
    public void close() {
        this.running.close();
    }

    /** The commands and shell of the tests' users. */
    record TestUser(String getUsername) implements ConchUser {

        @Override
        public Protocol openShell(SSHSession session) {
            return new Protocol() {
                @Override
                public void connectionMade() {
                    this.transport.write(("hello " + session.getUsername() + "\r\n").getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public void dataReceived(byte[] data) {
                    this.transport.write(data);
                }
            };
        }

        @Override
        public @Nullable Protocol execCommand(SSHSession session, String command) {
            String[] words = command.split(" ", 2);
            String rest = (words.length > 1) ? words[1] : "";
            return switch (words[0]) {
                case "echo" -> new Protocol() {
                    @Override
                    public void connectionMade() {
                        this.transport.write((rest + "\n").getBytes(StandardCharsets.UTF_8));
                        this.transport.loseConnection();
                    }
                };
                case "exit" -> new Protocol() {
                    @Override
                    public void connectionMade() {
                        ((SSHSessionTransport) this.transport).exit(Integer.parseInt(rest));
                    }
                };
                case "err" -> new Protocol() {
                    @Override
                    public void connectionMade() {
                        SSHSessionTransport t = (SSHSessionTransport) this.transport;
                        t.write("to stdout\n".getBytes(StandardCharsets.UTF_8));
                        t.writeExtended((rest + "\n").getBytes(StandardCharsets.UTF_8));
                        t.exit(2);
                    }
                };
                case "cat" -> new CatProtocol();
                default -> null;
            };
        }
    }

    /** Copies standard input to standard output until EOF, then exits 0. */
    static final class CatProtocol extends Protocol implements twisted.internet.HalfCloseableProtocol {

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
}
