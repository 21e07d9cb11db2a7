package twisted.web.autoconfigure;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.server.HttpServer;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.web.Request;
import twisted.web.Resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits the starter puts on the WebFlux server's connections, on a real server on port 0 with
 * plain sockets: a Slowloris client, an idle keep-alive connection, and more connections than allowed.
 */
class TwistedWebServerLimitsTests {

    private static final String GET = "GET /web/hello HTTP/1.1\r\nHost: x\r\n\r\n";

    private static ReactiveWebApplicationContextRunner server(String... properties) {
        return new ReactiveWebApplicationContextRunner(AnnotationConfigReactiveWebServerApplicationContext::new)
                .withConfiguration(AutoConfigurations.of(NettyReactiveWebServerAutoConfiguration.class,
                        HttpHandlerAutoConfiguration.class, WebFluxAutoConfiguration.class,
                        TwistedReactorAutoConfiguration.class, TwistedWebAutoConfiguration.class))
                .withUserConfiguration(Site.class).withPropertyValues("server.port=0", "server.address=127.0.0.1")
                .withPropertyValues(properties);
    }

    private static int port(AssertableReactiveWebApplicationContext context) {
        return ((ReactiveWebServerApplicationContext) context.getSourceApplicationContext()).getWebServer().getPort();
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /**
     * Reads until the server closes the connection (a reset included: what came before it counts);
     * fails with a timeout if the server holds the connection open.
     */
    private static String readUntilClosed(Socket socket) throws Exception {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
                read.write(buffer, 0, n);
            }
        }
        catch (SocketTimeoutException held) {
            throw held;
        }
        catch (java.net.SocketException reset) {
            // closed with our bytes unread: the server's answer came first
        }
        return read.toString(StandardCharsets.US_ASCII);
    }

    /** Sends a GET and reads its response, whose body is "hi". */
    private static String exchange(Socket socket) throws Exception {
        socket.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\nhi")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            response.append((char) b);
        }
        return response.toString();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aClientSendingItsHeadersSlowlyGets408AndIsClosedAfterTheHeaderTimeout(CapturedOutput output) {
        server("twisted.web.request-header-timeout=1s").run(context -> {
            assertThat(context).hasNotFailed();
            try (Socket socket = connect(port(context))) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /web/hello HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Slowloris: a byte now and then, which would keep an idle timeout from firing
                try {
                    for (int i = 0; i < 3; i++) {
                        Thread.sleep(200);
                        out.write('s');
                    }
                }
                catch (java.io.IOException closedAlready) {
                    // a slow machine: the server closed before the last byte
                }
                assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 408 Request Timeout");
            }
            try (Socket socket = connect(port(context))) {
                assertThat(exchange(socket)).as("a client sending its request at once").startsWith("HTTP/1.1 200");
            }
        });
        assertThat(output.getAll()).as("nothing logged per closed client").doesNotContain("WARN").doesNotContain("ERROR");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterBootsIdleTimeoutWhichTheStarterDoesNotOverride() {
        server("server.netty.idle-timeout=1s").run(context -> {
            try (Socket socket = connect(port(context))) {
                assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
                assertThat(exchange(socket)).as("kept alive").startsWith("HTTP/1.1 200");
                assertThat(readUntilClosed(socket)).as("closed when idle, with nothing more").isEmpty();
            }
        });
    }

    @Test
    void withoutBootsIdleTimeoutTheStarterSetsOne() {
        server().run(context -> assertThat(idleTimeout(context)).isEqualTo(Duration.ofSeconds(60)));
        server("server.netty.idle-timeout=5m").run(context -> assertThat(idleTimeout(context)).isEqualTo(Duration.ofMinutes(5)));
        server("server.netty.idleTimeout=7s").run(context -> assertThat(idleTimeout(context)).isEqualTo(Duration.ofSeconds(7)));
    }

    /** The idle timeout that the server factory's customizers (Boot's and ours) give an HTTP server. */
    private static Duration idleTimeout(AssertableReactiveWebApplicationContext context) {
        HttpServer server = HttpServer.create();
        for (var customizer : context.getBean(NettyReactiveWebServerFactory.class).getServerCustomizers()) {
            server = customizer.apply(server);
        }
        return server.configuration().idleTimeout();
    }

    @Test
    void connectionsPastTheCapAreClosedAndOneMayConnectOnceAnotherLeaves() {
        server("twisted.web.max-connections=3").run(context -> {
            int port = port(context);
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = connect(port);
                    held.add(socket);
                    assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
                }
                try (Socket refused = connect(port)) {
                    assertThat(readUntilClosed(refused)).as("closed at once, without an answer").isEmpty();
                }
                held.remove(0).close();
                await().atMost(15, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
                    try (Socket socket = connect(port)) {
                        return exchange(socket).startsWith("HTTP/1.1 200");
                    }
                });
                for (Socket socket : held) {
                    assertThat(exchange(socket)).as("the others stay served").startsWith("HTTP/1.1 200");
                }
            }
            finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        });
    }

    @Test
    void limitsOutOfRangeFailStartupNamingTheProperty() {
        server("twisted.web.request-header-timeout=0s").run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("twisted.web.request-header-timeout"));
        server("twisted.web.max-connections=0").run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("twisted.web.max-connections"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Site {

        @Bean
        Resource root() {
            Resource root = new Resource();
            root.putChild("hello", new Resource() {
                @Override
                protected Object renderGET(Request request) {
                    request.setHeader("Content-Type", "text/plain");
                    return "hi";
                }
            });
            return root;
        }
    }
}
