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

    private final Agent agent;

    private final WebServerApplicationContext context;

    AgentController(Reactor reactor, WebServerApplicationContext context) {
        this.agent = new RedirectAgent(Agent.create(reactor));
        this.context = context;
    }

    private String local(String path) {
        return "http://127.0.0.1:" + this.context.getWebServer().getPort() + path;
    }

    @GetMapping(path = "/agent/clock", produces = MediaType.APPLICATION_JSON_VALUE)
    Deferred<Map<String, Object>> clock() {
        return this.agent.request("GET", local("/web/clock"), null, null).thenCompose(response -> Agent.readBody(response)
                .thenApply(body -> {
                    Map<String, Object> printed = new TreeMap<>();
                    printed.put("status", response.getCode() + " " + response.getPhrase());
                    printed.put("headers", response.getHeaders().toSingleValueMap());
                    printed.put("body", new String(body, StandardCharsets.UTF_8));
                    return printed;
                }));
    }

    @GetMapping(path = "/agent/post", produces = MediaType.TEXT_HTML_VALUE)
    Deferred<String> post() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return this.agent.request("POST", local("/web/form"), headers, BodyProducer.ofString("name=Agent"))
                .thenCompose(Agent::readBody).thenApply(body -> new String(body, StandardCharsets.UTF_8));
    }
}
