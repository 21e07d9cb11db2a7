package twisted.internet.endpoints;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.internet.Factory;
import twisted.protocols.wire.Echo;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: {@link Endpoints#clientFromString}, with any string (the input's bytes as UTF-8).
 * For every input:
 * <ul>
 * <li>it either gives an endpoint or throws {@link EndpointSyntaxException} naming the description
 * and the wrong part, never another exception;</li>
 * <li>an endpoint's {@code toString()} is the description;</li>
 * <li>connecting (on a {@link MemoryReactor}, so nothing goes to the network) asks for a non-empty
 * host or path, a port from 0 to 65535, and a timeout of at least one millisecond (the reactor
 * counts whole milliseconds, and Netty takes zero as "no timeout at all").</li>
 * </ul>
 * Inputs whose {@code bindAddress} names a host rather than an IP literal are skipped: that host
 * is resolved when the string is parsed, and a fuzzing run must not send DNS queries.
 */
class ClientFromStringFuzzTests {

    @FuzzTest
    void clientDescriptionsParseOrFailWithTheDocumentedError(byte[] input) {
        String description = new String(input, StandardCharsets.UTF_8);
        if (EndpointFuzzing.mayResolveNames(description)) {
            return;
        }
        MemoryReactor reactor = new MemoryReactor();
        ClientEndpoint endpoint;
        try {
            endpoint = Endpoints.clientFromString(reactor, description);
        }
        catch (EndpointSyntaxException ex) {
            EndpointFuzzing.checkError(ex, description);
            return;
        }
        assertThat(endpoint.toString()).as("the endpoint's toString()").isEqualTo(description);
        endpoint.connect(Factory.forProtocol(Echo::new));
        Duration timeout;
        if (!reactor.unixClients().isEmpty()) {
            MemoryReactor.UnixClient client = reactor.unixClients().get(0);
            assertThat(client.path()).as("path").isNotEmpty();
            timeout = client.timeout();
        }
        else {
            MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
            assertThat(client.host()).as("host").isNotEmpty();
            assertThat(client.port()).as("port").isBetween(0, 65535);
            timeout = client.timeout();
        }
        assertThat(timeout.toMillis()).as("timeout %s in whole milliseconds", timeout).isPositive();
    }
}
