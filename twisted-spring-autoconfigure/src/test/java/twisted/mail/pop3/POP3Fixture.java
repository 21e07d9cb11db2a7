package twisted.mail.pop3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.mail.MemoryMailStore;
import twisted.protocols.basic.Chunkings;
import twisted.testing.Clock;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link POP3Factory} on a {@link MemoryMailStore} and a {@link Clock}, with users alice
 * ({@code s3cret}, two messages) and bob ({@code hunter2}, empty), and clients connected through
 * {@link StringTransportWithDisconnection}s.
 */
final class POP3Fixture {

    static final String FIRST = "From: bob@example.com\r\nSubject: one\r\n\r\nHello\r\n.hidden\r\n";

    static final String SECOND = "Subject: two\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";

    final Clock clock = new Clock();

    final MemoryMailStore store = new MemoryMailStore().add("alice", FIRST).add("alice", SECOND);

    final Portal portal;

    POP3Factory factory;

    private int port = 40000;

    POP3Fixture() {
        this(settings -> { });
    }

    POP3Fixture(Consumer<POP3Factory> configure) {
        this.portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        this.portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret").addUser("bob", "hunter2")
                .addUser("carol", "two words").addUser("dave", "pw"));
        this.store.add("bob", 0, () -> java.io.InputStream.nullInputStream());
        this.factory = new POP3Factory(this.store, this.portal, this.clock);
        configure.accept(this.factory);
    }

    /**
     * Registers a checker and builds a new factory (a factory's portal has the checkers registered
     * before it was built).
     */
    POP3Fixture withChecker(twisted.cred.CredentialsChecker checker) {
        this.portal.registerChecker(checker);
        this.factory = new POP3Factory(this.store, this.portal, this.clock);
        return this;
    }

    /** A connection from 192.168.1.1, its greeting taken and checked. */
    Client connect() {
        return connect("192.168.1.1");
    }

    Client connect(String address) {
        IPv4Address peer = new IPv4Address("TCP", address, this.port++);
        Protocol protocol = this.factory.buildProtocol(peer);
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection(
                new IPv4Address("TCP", "10.0.0.1", 110), peer);
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        Client client = new Client(protocol, transport);
        client.greeting = client.take();
        assertThat(client.greeting).singleElement().asString().startsWith("+OK localhost POP3 server ready");
        return client;
    }

    /** Alice, logged in, her output cleared. */
    Client alice() {
        Client client = connect().send("USER alice", "PASS s3cret");
        assertThat(client.take()).containsExactly("+OK send PASS", "+OK alice's maildrop has 2 messages ("
                + (FIRST.length() + SECOND.length()) + " octets)");
        return client;
    }

    /**
     * Feeds {@code input} in every fragmentation to a new fixture's new connection each time and
     * checks the output is the same; returns it, with "(closed)" or "(open)" at the end.
     */
    static List<String> everyFragmentation(String input, Consumer<POP3Fixture> check) {
        List<String> first = null;
        for (List<byte[]> chunks : Chunkings.of(input.getBytes(StandardCharsets.UTF_8))) {
            POP3Fixture fixture = new POP3Fixture();
            Client client = fixture.connect();
            for (byte[] chunk : chunks) {
                client.protocol.dataReceived(chunk);
            }
            List<String> output = new ArrayList<>(client.take());
            output.add(client.closed() ? "(closed)" : "(open)");
            check.accept(fixture);
            if (first == null) {
                first = output;
            }
            else {
                assertThat(output).as("output with chunks of sizes %s",
                        Arrays.toString(chunks.stream().mapToInt(c -> c.length).toArray())).isEqualTo(first);
            }
        }
        return first;
    }

    /** One client: its protocol and its transport. */
    static final class Client {

        final Protocol protocol;

        final StringTransportWithDisconnection transport;

        List<String> greeting = List.of();

        Client(Protocol protocol, StringTransportWithDisconnection transport) {
            this.protocol = protocol;
            this.transport = transport;
        }

        /** Sends each line, with CR LF, as its own chunk. */
        Client send(String... lines) {
            for (String line : lines) {
                this.protocol.dataReceived((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        /** The lines received since the last call, without CR LF, and forgets them. */
        List<String> take() {
            String text = this.transport.valueAsString();
            this.transport.clear();
            assertThat(text.isEmpty() || text.endsWith("\r\n")).as("every line ends with CR LF: " + text).isTrue();
            List<String> lines = new ArrayList<>();
            if (!text.isEmpty()) {
                lines.addAll(Arrays.asList(text.substring(0, text.length() - 2).split("\r\n", -1)));
            }
            return lines;
        }

        boolean closed() {
            return this.transport.isDisconnecting();
        }
    }
}
