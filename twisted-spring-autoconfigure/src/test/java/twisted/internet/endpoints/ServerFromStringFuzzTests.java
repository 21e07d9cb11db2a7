package twisted.internet.endpoints;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.internet.Factory;
import twisted.protocols.wire.Echo;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: {@link Endpoints#serverFromString}, with any string (the input's bytes as UTF-8).
 * For every input:
 * <ul>
 * <li>it either gives an endpoint or throws {@link EndpointSyntaxException} naming the description
 * and the wrong part, never another exception (no {@code NullPointerException},
 * {@code IndexOutOfBoundsException}, {@code NumberFormatException}, {@code InvalidPathException});</li>
 * <li>an endpoint's {@code toString()} is the description, as documented;</li>
 * <li>a {@code tcp}, {@code tcp6} or {@code ssl} endpoint listens (on a {@link MemoryReactor})
 * on a port from 0 to 65535 with a positive backlog.</li>
 * </ul>
 * {@code unix} endpoints are parsed but not listened on: listening applies their {@code mode} to
 * the named file, and a fuzzer must not change modes on the machine.
 */
class ServerFromStringFuzzTests {

    private static final Set<String> TCP_TYPES = Set.of("tcp", "tcp6", "ssl");

    @FuzzTest
    void serverDescriptionsParseOrFailWithTheDocumentedError(byte[] input) {
        String description = new String(input, StandardCharsets.UTF_8);
        MemoryReactor reactor = new MemoryReactor();
        ServerEndpoint endpoint;
        try {
            endpoint = Endpoints.serverFromString(reactor, description);
        }
        catch (EndpointSyntaxException ex) {
            EndpointFuzzing.checkError(ex, description);
            return;
        }
        assertThat(endpoint.toString()).as("the endpoint's toString()").isEqualTo(description);
        if (TCP_TYPES.contains(Description.parse(description).type())) {
            endpoint.listen(Factory.forProtocol(Echo::new));
            MemoryReactor.TcpServer server = reactor.tcpServers().get(0);
            assertThat(server.port()).as("port").isBetween(0, 65535);
            assertThat(server.backlog()).as("backlog").isPositive();
        }
    }
}
