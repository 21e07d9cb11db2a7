package twisted.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.web.client.Agent;
import twisted.web.client.BodyProducer;
import twisted.web.client.RedirectAgent;

/**
 * Chapter 5's client examples, pointed at the demo's own chapter 4 pages (the demo fetches nothing
 * from elsewhere): printing a resource's headers and body, and POSTing a form with a body producer.
 *
 * <pre>
 * curl http://127.0.0.1:8080/agent/clock
 * curl http://127.0.0.1:8080/agent/post
 * </pre>
 */
@RestController
class AgentController {

    private final Reactor reactor;

    private final Agent agent;

    private final WebServerApplicationContext context;

    AgentController(Reactor reactor, WebServerApplicationContext context) {
        this.reactor = reactor;
        this.agent = new RedirectAgent(Agent.create(reactor));
        this.context = context;
    }

    private String local(String path) {
        return "http://127.0.0.1:" + this.context.getWebServer().getPort() + path;
    }

    @GetMapping(path = "/agent/clock", produces = MediaType.APPLICATION_JSON_VALUE)
    Deferred<Map<String, Object>> clock() {
        String uri = local("/web/clock");
        return ReactorThread.onReactor(this.reactor, () -> this.agent.request("GET", uri, null, null)
                .thenCompose(response -> Agent.readBody(response).thenApply(body -> {
                    Map<String, Object> printed = new TreeMap<>();
                    printed.put("status", response.getCode() + " " + response.getPhrase());
                    printed.put("headers", response.getHeaders().toSingleValueMap());
                    printed.put("body", new String(body, StandardCharsets.UTF_8));
                    return printed;
                })));
    }

    /** Downloading a resource to a file, streaming it through a body protocol (the book's download_resource). */
    @GetMapping(path = "/agent/download", produces = MediaType.TEXT_PLAIN_VALUE)
    Deferred<String> download() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("twisted-download-", ".html");
        String uri = local("/web/calendar/2013");
        return ReactorThread.onReactor(this.reactor, () -> this.agent.request("GET", uri, null, null).thenCompose(response -> {
            Deferred<String> saved = new Deferred<>();
            java.io.OutputStream out = java.nio.file.Files.newOutputStream(file);
            response.deliverBody(new twisted.internet.Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    try {
                        out.write(data);
                    }
                    catch (java.io.IOException ex) {
                        this.transport.loseConnection();
                    }
                }

                @Override
                public void connectionLost(twisted.defer.Failure reason) {
                    try {
                        out.close();
                        saved.callback("saved " + java.nio.file.Files.size(file) + " bytes to " + file + "\n");
                    }
                    catch (java.io.IOException ex) {
                        saved.errback(ex);
                    }
                }
            });
            return saved;
        }));
    }

    @GetMapping(path = "/agent/post", produces = MediaType.TEXT_HTML_VALUE)
    Deferred<String> post() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        String uri = local("/web/form");
        return ReactorThread.onReactor(this.reactor, () -> this.agent
                .request("POST", uri, headers, BodyProducer.ofString("name=Agent")).thenCompose(Agent::readBody)
                .thenApply(body -> new String(body, StandardCharsets.UTF_8)));
    }
}
