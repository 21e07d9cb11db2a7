package twisted.application.internet;

import org.junit.jupiter.api.Test;
import twisted.application.service.MultiService;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.endpoints.Endpoints;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;

/** Services name themselves by name and endpoint, for the console and the Actuator. */
class ServiceNamesTests {

    private final MemoryReactor reactor = new MemoryReactor();

    @Test
    void serverServiceShowsItsNameAndEndpoint() {
        StreamServerEndpointService service = new StreamServerEndpointService("echo", "tcp:8007",
                Endpoints.serverFromString(this.reactor, "tcp:8007"), Factory.forProtocol(() -> new Protocol() { }), ServerLimits.NONE,
                this.reactor);
        assertThat(service).hasToString("StreamServerEndpointService(echo, tcp:8007)");
    }

    @Test
    void clientServiceShowsItsNameAndEndpoint() {
        ClientService service = new ClientService("irc", Endpoints.clientFromString(this.reactor, "tcp:irc.example:6667"),
                Factory.forProtocol(() -> new Protocol() { }), this.reactor);
        assertThat(service.toString()).startsWith("ClientService(irc, ").contains("irc.example").doesNotContain("@");
    }

    @Test
    void multiServiceShowsItsNameAndChildren() {
        MultiService root = new MultiService("twisted");
        root.addService(new StreamServerEndpointService("echo", "tcp:8007", Endpoints.serverFromString(this.reactor, "tcp:8007"),
                Factory.forProtocol(() -> new Protocol() { }), ServerLimits.NONE, this.reactor));
        assertThat(root).hasToString("MultiService(twisted, [StreamServerEndpointService(echo, tcp:8007)])");
    }
}
