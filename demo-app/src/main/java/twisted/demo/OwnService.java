package twisted.demo;

import org.springframework.beans.factory.ObjectProvider;

import twisted.application.context.TwistedServices;
import twisted.application.internet.ListeningService;
import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.endpoints.ClientEndpoint;
import twisted.internet.endpoints.Endpoints;

/**
 * A client endpoint to one of the demo's own services, wherever it listens: its port is known only
 * once it listens ({@code tcp:0} in the tests), so each connection looks it up. The chapter 12 bot
 * connects to the irc service through it, the chapter 13 mail examples to smtp and pop3.
 *
 * @param reactor the reactor
 * @param services the running services
 * @param name the service's name under {@code twisted.services}
 */
public record OwnService(Reactor reactor, ObjectProvider<TwistedServices> services, String name)
        implements ClientEndpoint {

    @Override
    public Deferred<Protocol> connect(Factory factory) {
        ListeningService service = this.services.getObject().get(this.name).map(TwistedServices.Entry::listening)
                .orElseThrow(() -> new IllegalStateException("the " + this.name + " service is not switched on"));
        return service.whenListening().thenCompose(port -> {
            IPAddress bound = (IPAddress) port.getHost();
            String host = bound.host().equals("0.0.0.0") ? "127.0.0.1" : bound.host();
            return Endpoints.clientFromString(this.reactor, "tcp:host=" + host + ":port=" + bound.port())
                    .connect(factory);
        });
    }

    @Override
    public String toString() {
        return "the " + this.name + " service";
    }
}
