package twisted.demo;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import twisted.internet.Factory;
import twisted.protocols.basic.LineReceiver;

/**
 * Chapter 4's first example: an HTTP "server" written straight on {@link LineReceiver}, which
 * answers any request with the request's own lines. It shows the protocol layer only; the real web
 * server is WebFlux (see {@link WebSite}). A plain {@code Factory} bean like this one becomes a
 * service with nothing but {@code twisted.services.httpEcho.endpoint}.
 *
 * <pre>
 * curl http://127.0.0.1:8081/anything
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
class LowLevelHttp {

    @Bean
    Factory httpEcho() {
        Factory factory = Factory.forProtocol(HttpEchoProtocol::new);
        factory.setNoisy(false);
        return factory;
    }

    static final class HttpEchoProtocol extends LineReceiver {

        private final List<String> lines = new ArrayList<>();

        @Override
        public void lineReceived(String line) {
            this.lines.add(line);
            if (line.isEmpty()) {
                sendResponse();
            }
        }

        private void sendResponse() {
            sendLine("HTTP/1.1 200 OK");
            sendLine("Content-Type: text/plain");
            sendLine("Connection: close");
            sendLine("");
            this.transport.write(("You said:\r\n\r\n" + String.join("\r\n", this.lines)).getBytes());
            this.transport.loseConnection();
        }
    }
}
