package twisted.web.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.internet.netty.NettyReactor;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The agent against a real HTTP server, and against raw-socket servers that misbehave. */
class AgentTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    private final Agent agent;

    private final List<AutoCloseable> servers = new ArrayList<>();

    AgentTests() {
        this.agent = Agent.create(this.reactor, Agent.Options.DEFAULTS.withTimeouts(Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : this.servers) {
            server.close();
        }
        this.running.close();
    }

    private RawHttpServer raw(RawHttpServer.Script script) throws Exception {
        RawHttpServer server = new RawHttpServer(script);
        this.servers.add(server);
        return server;
    }

    private String real() {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).compress(true).route(routes -> routes
                .get("/big", (req, res) -> res.sendString(Mono.just("compress me ".repeat(500))))
                .get("/hello", (req, res) -> res.header("X-Greeting", "yes").sendString(Mono.just("hello, world")))
                .post("/echo", (req, res) -> res.send(req.receive().retain()))
                .get("/set-cookie", (req, res) -> res.header("Set-Cookie", "session=abc; Path=/").sendString(Mono.just("set")))
                .get("/cookie", (req, res) -> res.sendString(Mono.just(String.valueOf(req.requestHeaders().get("Cookie")))))
                .get("/auth", (req, res) -> res.sendString(Mono.just(String.valueOf(req.requestHeaders().get("Authorization"))))))
                .bindNow();
        this.servers.add(server::disposeNow);
        return "http://127.0.0.1:" + server.port();
    }

    private String body(Agent agent, String method, String url, HttpHeaders headers, BodyProducer body) throws Exception {
        byte[] bytes = this.running.call(() -> agent.request(method, url, headers, body).thenCompose(Agent::readBody));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ a real server

    @Test
    void getFiresOnTheHeadersOnTheReactorThreadThenReadsTheBody() throws Exception {
        String base = real();
        Response response = this.running.call(() -> this.agent.request("GET", base + "/hello", null, null));
        assertThat(response.getCode()).isEqualTo(200);
        assertThat(response.getHeaders().getFirst("X-Greeting")).isEqualTo("yes");
        assertThat(response.getLength()).isEqualTo(12);
        String[] thread = new String[1];
        byte[] body = this.running.call(() -> Agent.readBody(response).thenApply(bytes -> {
            thread[0] = String.valueOf(this.reactor.isReactorThread());
            return bytes;
        }));
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("hello, world");
        assertThat(thread[0]).isEqualTo("true");
    }

    @Test
    void postSendsTheBody() throws Exception {
        String base = real();
        assertThat(body(this.agent, "POST", base + "/echo", null, BodyProducer.ofString("sent and echoed")))
                .isEqualTo("sent and echoed");
    }

    @Test
    void deliverBodyStreamsToAProtocolAndEndsWithResponseDone() throws Exception {
        String base = real();
        List<String> events = new ArrayList<>();
        Deferred<Void> done = new Deferred<>();
        this.running.call(() -> this.agent.request("GET", base + "/hello", null, null).addCallback(response -> {
            response.deliverBody(new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    events.add("data " + new String(data, StandardCharsets.UTF_8));
                }

                @Override
                public void connectionLost(Failure reason) {
                    events.add("lost " + reason.type().getSimpleName());
                    done.callback(null);
                }
            });
            return null;
        }));
        this.running.call(() -> done.thenApply(x -> x));
        assertThat(events).containsExactly("data hello, world", "lost ResponseDoneException");
    }

    @Test
    void cookieAgentSendsBackWhatTheServerSet() throws Exception {
        String base = real();
        CookieAgent cookies = new CookieAgent(this.agent);
        assertThat(body(cookies, "GET", base + "/cookie", null, null)).isEqualTo("null");
        body(cookies, "GET", base + "/set-cookie", null, null);
        assertThat(body(cookies, "GET", base + "/cookie", null, null)).isEqualTo("session=abc");
    }

    // ------------------------------------------------------------------ misbehaving servers

    @Test
    void cutBodyIsAPartialDownloadCarryingWhatArrived() throws Exception {
        RawHttpServer server = raw((request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[50]);
            out.flush();
        });
        PartialDownloadException partial = org.assertj.core.api.Assertions.catchThrowableOfType(PartialDownloadException.class,
                () -> this.running.call(() -> this.agent.request("GET", server.url("/cut"), null, null).thenCompose(Agent::readBody)));
        assertThat(partial.getBody()).hasSize(50);
        assertThat(partial.getStatus()).isEqualTo(200);
    }

    @Test
    void bodyWithNoLengthEndedByCloseIsAPotentialDataLoss() throws Exception {
        RawHttpServer server = raw((request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nno length here".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        PartialDownloadException partial = org.assertj.core.api.Assertions.catchThrowableOfType(PartialDownloadException.class,
                () -> this.running.call(() -> this.agent.request("GET", server.url("/nolength"), null, null).thenCompose(Agent::readBody)));
        assertThat(new String(partial.getBody(), StandardCharsets.US_ASCII)).isEqualTo("no length here");
        assertThat(partial.getCause()).isInstanceOf(PotentialDataLossException.class);
    }

    @Test
    void headersThatNeverComeTimeOut() throws Exception {
        RawHttpServer server = raw((request, out) -> Thread.sleep(5000));
        assertThatExceptionOfType(ResponseNeverReceivedException.class)
                .isThrownBy(() -> this.running.call(() -> this.agent.request("GET", server.url("/silent"), null, null)))
                .withMessageContaining("no response headers within 500 ms");
    }

    @Test
    void aSilentBodyTimesOut() throws Exception {
        RawHttpServer server = raw((request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nstart".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(5000);
        });
        PartialDownloadException partial = org.assertj.core.api.Assertions.catchThrowableOfType(PartialDownloadException.class,
                () -> this.running.call(() -> this.agent.request("GET", server.url("/stall"), null, null).thenCompose(Agent::readBody)));
        assertThat(new String(partial.getBody(), StandardCharsets.US_ASCII)).isEqualTo("start");
        assertThat(partial.getCause()).hasMessageContaining("silent for 500 ms");
    }

    @Test
    void redirectLoopStopsAtTheLimit() throws Exception {
        RawHttpServer server = raw((request, out) -> {
            out.write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        assertThatExceptionOfType(InfiniteRedirectionException.class)
                .isThrownBy(() -> this.running.call(() -> new RedirectAgent(this.agent, 5).request("GET", server.url("/loop"), null, null)))
                .withMessageContaining("more than 5 redirects");
        assertThat(server.requests).hasSize(6);
    }

    @Test
    void redirectWithoutLocationFails() throws Exception {
        RawHttpServer server = raw((request, out) -> out.write("HTTP/1.1 301 Moved\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertThatExceptionOfType(RedirectWithNoLocationException.class)
                .isThrownBy(() -> this.running.call(() -> new RedirectAgent(this.agent).request("GET", server.url("/x"), null, null)));
    }

    @Test
    void redirectsFollowRfc9110() throws Exception {
        String base = real();
        RawHttpServer server = raw((request, out) -> {
            String line = request.substring(0, request.indexOf("\r\n"));
            String answer = switch (line.split(" ")[1]) {
                case "/see-other" -> "HTTP/1.1 303 See Other\r\nLocation: /target\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
                case "/temporary" -> "HTTP/1.1 307 Temporary Redirect\r\nLocation: /target\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
                case "/elsewhere" -> "HTTP/1.1 308 Permanent Redirect\r\nLocation: " + base + "/auth\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
                default -> {
                    String body = line + (request.contains("\r\n\r\n") ? " body=" + request.substring(request.indexOf("\r\n\r\n") + 4) : "");
                    yield "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
                }
            };
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        });
        RedirectAgent redirects = new RedirectAgent(this.agent);
        assertThat(body(redirects, "POST", server.url("/see-other"), null, BodyProducer.ofString("form")))
                .isEqualTo("GET /target HTTP/1.1 body=");
        assertThat(body(redirects, "POST", server.url("/temporary"), null, BodyProducer.ofString("kept")))
                .isEqualTo("POST /target HTTP/1.1 body=kept");
        HttpHeaders secret = new HttpHeaders();
        secret.setBasicAuth("user", "secret");
        assertThat(body(redirects, "GET", server.url("/elsewhere"), secret, null)).as("no credentials to another origin")
                .isEqualTo("null");
        Response last = this.running.call(() -> redirects.request("GET", server.url("/temporary"), null, null));
        assertThat(last.getPreviousResponse()).isNotNull();
        assertThat(last.getPreviousResponse().getCode()).isEqualTo(307);
        this.running.call(() -> Agent.readBody(last));
    }

    @Test
    void decompressionAsksForGzipAndDecodesIt() throws Exception {
        String base = real();
        Agent gzip = Agent.create(this.reactor, Agent.Options.DEFAULTS.withDecompression(true));
        Response response = this.running.call(() -> gzip.request("GET", base + "/big", null, null));
        byte[] body = this.running.call(() -> Agent.readBody(response));
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("compress me ".repeat(500));
        Response plain = this.running.call(() -> this.agent.request("GET", base + "/big", null, null));
        assertThat(plain.getHeaders().getFirst("Content-Encoding")).as("not asked for, not sent").isNull();
        this.running.call(() -> Agent.readBody(plain));
    }

    @Test
    void unsupportedSchemeFailsAtOnce() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> this.running.call(() -> this.agent.request("GET", "ftp://example.org/", null, null)))
                .withMessageContaining("scheme not supported");
    }
}
