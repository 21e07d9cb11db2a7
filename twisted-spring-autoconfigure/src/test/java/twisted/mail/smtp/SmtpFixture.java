package twisted.mail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.internet.TlsOptions;
import twisted.mail.MemoryMailStore;
import twisted.testing.Clock;
import twisted.testing.StringTransportWithDisconnection;
import twisted.words.irc.Fragments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@link SMTPFactory} on a {@link Clock} with a {@link MemoryMailStore} (mailboxes alice, bob
 * and postmaster of example.com), and clients connected through
 * {@link StringTransportWithDisconnection}s.
 */
final class SmtpFixture {

    final Clock clock = new Clock();

    final MemoryMailStore store = new MemoryMailStore("alice", "bob", "postmaster");

    SMTPSettings settings = SMTPSettings.defaults().withHostname("mx.example.com");

    MessageDelivery delivery = new LocalDelivery(this.store, Set.of("example.com"), "mx.example.com", this.clock);

    @Nullable Portal portal;

    @Nullable LoginThrottle throttle;

    @Nullable TlsOptions tls;

    SMTPFactory factory() {
        return new SMTPFactory(this.settings, this.clock, this.delivery, this.portal, this.throttle, this.tls);
    }

    /** A connection from 192.0.2.7 whose greeting was checked and forgotten. */
    Client connect() {
        IPv4Address peer = new IPv4Address("TCP", "192.0.2.7", 40000);
        Protocol protocol = factory().buildProtocol(peer);
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection(
                new IPv4Address("TCP", "10.0.0.1", 25), peer);
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        Client client = new Client(protocol, transport);
        assertThat(client.take()).containsExactly("220 mx.example.com ESMTP ready");
        return client;
    }

    /**
     * Runs {@code input} through a new fixture once per fragmentation (whole, every 2-split,
     * bytewise), checks that the replies and the stored messages are the same each time, and
     * returns the replies.
     */
    static List<String> everyFragmentation(String input, Function<SmtpFixture, Client> connect,
            List<String> storedOut) {
        List<String> first = null;
        List<String> firstStored = null;
        for (List<byte[]> chunks : Fragments.of(input.getBytes(StandardCharsets.ISO_8859_1))) {
            SmtpFixture fixture = new SmtpFixture();
            Client client = connect.apply(fixture);
            Fragments.feed(client.protocol, chunks);
            List<String> output = client.take();
            List<String> stored = fixture.store.stored().stream().map(MemoryMailStore.Stored::text).toList();
            if (first == null) {
                first = output;
                firstStored = stored;
            }
            else {
                String sizes = Arrays.toString(chunks.stream().mapToInt(chunk -> chunk.length).toArray());
                assertThat(output).as("replies with chunks of sizes " + sizes).isEqualTo(first);
                assertThat(stored).as("stored with chunks of sizes " + sizes).isEqualTo(firstStored);
            }
        }
        storedOut.addAll(firstStored);
        return first;
    }

    /** One client: its protocol and transport, with helpers to send and read. */
    static final class Client {

        final Protocol protocol;

        final StringTransportWithDisconnection transport;

        Client(Protocol protocol, StringTransportWithDisconnection transport) {
            this.protocol = protocol;
            this.transport = transport;
        }

        /** Sends each line with CR LF, each as its own chunk. */
        Client send(String... lines) {
            for (String line : lines) {
                raw(line + "\r\n");
            }
            return this;
        }

        /** Sends the text as one chunk, as it is (ISO-8859-1). */
        Client raw(String text) {
            this.protocol.dataReceived(text.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        /** The reply lines since the last call, without CR LF, and forgets them. */
        List<String> take() {
            String text = this.transport.valueAsString();
            this.transport.clear();
            assertThat(text.isEmpty() || text.endsWith("\r\n")).as("every reply line ends with CR LF: " + text)
                    .isTrue();
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\r\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            return lines;
        }

        boolean closed() {
            return this.transport.isDisconnecting();
        }
    }
}
