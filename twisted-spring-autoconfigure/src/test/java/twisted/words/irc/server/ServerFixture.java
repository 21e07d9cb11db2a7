package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import twisted.cluster.Cluster;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.testing.Clock;
import twisted.testing.StringTransportWithDisconnection;
import twisted.words.irc.Fragments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@link IRCServer} on a {@link Clock}, and clients connected to it through
 * {@link StringTransportWithDisconnection}s: {@link #register(String)} connects one, registers it
 * and forgets the welcome burst, so a test reads only what its own lines caused.
 */
final class ServerFixture {

    final Clock clock = new Clock();

    final IRCServer server;

    private int port = 40000;

    ServerFixture() {
        this(IRCServerSettings.defaults());
    }

    ServerFixture(IRCServerSettings settings) {
        this(settings, null, null);
    }

    ServerFixture(IRCServerSettings settings, @Nullable Portal portal, @Nullable Function<Clock, LoginThrottle> throttle) {
        this.server = new IRCServer(settings, this.clock, portal, (throttle != null) ? throttle.apply(this.clock) : null);
    }

    /** One node of a cluster, such as {@code MemoryCluster.node("one")}. */
    ServerFixture(IRCServerSettings settings, Cluster cluster) {
        this.server = new IRCServer(settings, this.clock, null, null, cluster);
    }

    /** A connection from 192.168.1.1 that has sent nothing; the greeting NOTICE is forgotten. */
    Client connect() {
        return connect("192.168.1.1");
    }

    Client connect(String address) {
        IPv4Address peer = new IPv4Address("TCP", address, this.port++);
        Protocol protocol = this.server.factory().buildProtocol(peer);
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection(
                new IPv4Address("TCP", "10.0.0.1", 6667), peer);
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        Client client = new Client(protocol, transport);
        client.take();
        return client;
    }

    /** A client registered as {@code nick} (user {@code nick}, real name "Real Name"), its output cleared. */
    Client register(String nick) {
        return register(nick, "192.168.1.1");
    }

    /** A client from {@code address} registered as {@code nick}, its output cleared. */
    Client register(String nick, String address) {
        Client client = connect(address);
        client.send("NICK " + nick, "USER " + nick + " 0 * :Real Name");
        assertThat(client.take()).as("registration of " + nick).anyMatch(line -> line.contains(" 001 "));
        return client;
    }

    /**
     * Runs a scenario once per fragmentation of {@code input} ({@link Fragments#of}), each time on
     * a new server with a new connection, and checks that every fragmentation gives the same
     * output; returns that output.
     */
    static List<String> everyFragmentation(String input, Function<ServerFixture, Client> connect) {
        List<String> first = null;
        for (List<byte[]> chunks : Fragments.of(input.getBytes(StandardCharsets.UTF_8))) {
            ServerFixture fixture = new ServerFixture();
            Client client = connect.apply(fixture);
            Fragments.feed(client.protocol, chunks);
            List<String> output = client.take();
            if (first == null) {
                first = output;
            }
            else {
                assertThat(output).as("output with chunks of sizes " + sizes(chunks)).isEqualTo(first);
            }
        }
        return first;
    }

    private static String sizes(List<byte[]> chunks) {
        return Arrays.toString(chunks.stream().mapToInt(chunk -> chunk.length).toArray());
    }

    /** One client: its protocol and its transport, with helpers to send lines and read what came back. */
    static final class Client {

        final Protocol protocol;

        final StringTransportWithDisconnection transport;

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
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\r\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            assertThat(text.isEmpty() || text.endsWith("\r\n")).as("every line ends with CR LF: " + text).isTrue();
            return lines;
        }

        boolean closed() {
            return this.transport.isDisconnecting();
        }
    }
}
