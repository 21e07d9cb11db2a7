package twisted.application.context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import twisted.application.testmakers.TestApplication;
import twisted.internet.Reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole application closing as Kubernetes closes it: readiness turns REFUSING_TRAFFIC while the
 * ports still accept (and, with an accept delay, the readiness endpoint says so over HTTP before
 * any port closes); then the services drain in parallel: an SMTP transaction in flight, sent by a
 * plain socket, completes with 250 and its next command gets 421; an IRC client gets a NOTICE;
 * liveness stays UP throughout. Real sockets on loopback, ports picked by the system.
 */
class GracefulShutdownTests {

    @TempDir
    Path maildir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConfigurableApplicationContext context;

    private final List<String> readinessSeen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (this.context != null) {
            this.context.close();
        }
    }

    private ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=health",
                "twisted.services.smtp.enabled=true", "twisted.services.smtp.endpoint=tcp:0",
                "twisted.services.irc.enabled=true", "twisted.services.irc.endpoint=tcp:0",
                "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                "twisted.mail.maildir=" + this.maildir, "twisted.mail.domains=example.test",
                "twisted.mail.hostname=mail.example.test", "twisted.cred.users.alice.password=secret"));
        all.addAll(List.of(properties));
        this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.REACTIVE)
                .properties(all.toArray(String[]::new))
                .listeners((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
                    if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                        this.readinessSeen.add("REFUSING_TRAFFIC, smtp accepting: " + accepts(port("smtp")));
                    }
                })
                .run();
        return this.context;
    }

    private int port(String service) {
        return this.context.getEnvironment().getProperty("local.twisted." + service + ".port", Integer.class);
    }

    private int httpStatus(String path) {
        int port = this.context.getEnvironment().getProperty("local.server.port", Integer.class);
        try {
            return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        }
        catch (ConnectException ex) {
            return false;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** A line-based client on a plain socket. */
    private static final class LineClient implements AutoCloseable {

        private final Socket socket;

        private final BufferedReader in;

        private final OutputStream out;

        LineClient(int port) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.socket.setSoTimeout(30_000);
            this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.out = this.socket.getOutputStream();
        }

        LineClient send(String... lines) throws IOException {
            for (String line : lines) {
                this.out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            this.out.flush();
            return this;
        }

        String read() throws IOException {
            return this.in.readLine();
        }

        /** Reads lines up to and including the first that starts with {@code prefix}. */
        String readUntil(String prefix) throws IOException {
            String line;
            do {
                line = this.in.readLine();
            }
            while (line != null && !line.startsWith(prefix));
            return line;
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }
    }

    @Test
    void readinessRefusesFirstThenAnSmtpTransactionCompletesAndAnIrcClientIsToldWhileLivenessStaysUp()
            throws Exception {
        start("twisted.shutdown.drain-time=25s", "twisted.shutdown.accept-delay=2s");
        assertThat(httpStatus("/actuator/health/readiness")).isEqualTo(200);
        int smtpPort = port("smtp");
        try (LineClient smtp = new LineClient(smtpPort); LineClient irc = new LineClient(port("irc"))) {
            assertThat(smtp.read()).startsWith("220 ");
            smtp.send("EHLO client.example");
            assertThat(smtp.readUntil("250 ")).isNotNull();
            smtp.send("MAIL FROM:<bob@elsewhere.test>", "RCPT TO:<alice@example.test>", "DATA");
            assertThat(smtp.read()).startsWith("250 ");
            assertThat(smtp.read()).startsWith("250 ");
            assertThat(smtp.read()).startsWith("354 ");
            smtp.send("Subject: in flight", "", "first half");
            irc.send("NICK alice", "USER alice 0 * :Alice");
            assertThat(irc.readUntil(":irc.local 001 ")).isNotNull();

            ApplicationAvailability availability = this.context.getBean(ApplicationAvailability.class);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);

            // readiness over HTTP says no while every port still accepts: the accept delay
            boolean[] sawRefusingWhileAccepting = {false};
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                int readiness = httpStatus("/actuator/health/readiness");
                boolean smtpAccepts = accepts(smtpPort);
                if (readiness == 503 && smtpAccepts) {
                    sawRefusingWhileAccepting[0] = true;
                }
                return !smtpAccepts;
            });
            assertThat(sawRefusingWhileAccepting[0]).as("readiness 503 seen while the SMTP port still accepted")
                    .isTrue();
            assertThat(this.readinessSeen).containsExactly("REFUSING_TRAFFIC, smtp accepting: true");

            // the drain: the port is closed, the connections are told and stay
            assertThat(irc.readUntil(":irc.local NOTICE alice :")).contains("Server shutting down");
            assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
            HealthEndpointGroups groups = this.context.getBean(HealthEndpointGroups.class);
            assertThat(groups.get("liveness").isMember("twistedServices")).isFalse();
            assertThat(closing).as("draining, not closed").isNotDone();

            smtp.send("second half", ".");
            assertThat(smtp.read()).startsWith("250 2.0.0 OK: queued as ");
            smtp.send("NOOP");
            assertThat(smtp.read()).isEqualTo("421 4.3.2 mail.example.test Service shutting down, closing channel");
            assertThat(smtp.read()).as("then closed").isNull();
            irc.send("QUIT :bye");
            assertThat(irc.readUntil("ERROR ")).isNotNull();
            // every connection has ended by itself: the drain is over long before its 25 s
            closing.get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServicesAreInTheReadinessGroupAndAStoppedServiceMakesItDownButNotLiveness() throws Exception {
        start();
        HealthEndpointGroups groups = this.context.getBean(HealthEndpointGroups.class);
        assertThat(groups.get("readiness").isMember("twistedServices/smtp")).isTrue();
        assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
        assertThat(groups.get("liveness").isMember("twistedServices/smtp")).isFalse();
        assertThat(httpStatus("/actuator/health/readiness")).isEqualTo(200);
        assertThat(httpStatus("/readyz")).as("additional paths are off by default").isEqualTo(404);
        TwistedServices services = this.context.getBean(TwistedServices.class);
        Reactor reactor = this.context.getBean(Reactor.class);
        reactor.callFromThread(() -> services.get("echo").orElseThrow().service().stopService());
        await().atMost(Duration.ofSeconds(10)).until(() -> httpStatus("/actuator/health/readiness") == 503);
        assertThat(httpStatus("/actuator/health/liveness")).isEqualTo(200);
    }

    @Test
    void theProbesAdditionalPathsStillWork() {
        start("management.endpoint.health.probes.add-additional-paths=true");
        assertThat(httpStatus("/readyz")).isEqualTo(200);
        assertThat(httpStatus("/livez")).isEqualTo(200);
    }

    @Test
    void listingTheReadinessMembersOptsOut() {
        start("management.endpoint.health.group.readiness.include=readinessState");
        HealthEndpointGroups groups = this.context.getBean(HealthEndpointGroups.class);
        assertThat(groups.get("readiness").isMember("twistedServices/smtp")).isFalse();
        assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
    }
}
