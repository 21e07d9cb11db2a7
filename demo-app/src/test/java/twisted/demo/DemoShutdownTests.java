package twisted.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo stopped as Kubernetes stops a pod: SIGTERM to its JVM. Readiness turns 503 while the
 * SMTP port still accepts (the accept delay, so a load balancer takes the node out first); then
 * every service stops accepting and drains: an IRC client gets a NOTICE, an SMTP transaction in
 * flight (a plain socket) completes with 250 and its next command gets 421; the JVM then exits
 * as soon as the connections are gone, well before the drain time.
 */
class DemoShutdownTests {

    @TempDir
    Path maildir;

    private DemoProcess demo;

    @AfterEach
    void stop() {
        if (this.demo != null) {
            this.demo.close();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Test
    void sigtermRefusesReadinessFirstThenDrainsSmtpAndIrcInTheirOwnTerms() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("twisted.shutdown.drain-time", "25s");
        properties.put("twisted.shutdown.accept-delay", "3s");
        properties.put("twisted.mail.maildir", this.maildir.toString());
        this.demo = DemoProcess.start("sigterm-drain", properties);
        assertThat(this.demo.status("/actuator/health/readiness")).isEqualTo(200);
        int smtpPort = this.demo.port("smtp");

        try (LineClient smtp = new LineClient(smtpPort); LineClient irc = new LineClient(this.demo.port("irc"))) {
            assertThat(smtp.read()).startsWith("220 ");
            smtp.send("EHLO client.example");
            assertThat(smtp.readUntil("250 ")).isNotNull();
            smtp.send("MAIL FROM:<someone@elsewhere.test>", "RCPT TO:<admin@demo.local>", "DATA");
            assertThat(smtp.read()).startsWith("250 ");
            assertThat(smtp.read()).startsWith("250 ");
            assertThat(smtp.read()).startsWith("354 ");
            smtp.send("Subject: sent across a SIGTERM", "", "first half");
            irc.send("NICK carol", "USER carol 0 * :Carol");
            assertThat(irc.readUntil(":irc.demo.local 001 ")).isNotNull();

            this.demo.terminate();

            boolean[] notReadyWhileAccepting = {false};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                int readiness = this.demo.status("/actuator/health/readiness");
                boolean smtpAccepts = accepts(smtpPort);
                if (readiness == 503 && smtpAccepts) {
                    notReadyWhileAccepting[0] = true;
                }
                return !smtpAccepts;
            });
            assertThat(notReadyWhileAccepting[0])
                    .as("readiness answered 503 while the SMTP port still accepted; see %s", this.demo.log()).isTrue();

            assertThat(irc.readUntil(":irc.demo.local NOTICE carol :")).contains("Server shutting down");
            assertThat(this.demo.isAlive()).as("draining").isTrue();
            smtp.send("second half", ".");
            assertThat(smtp.read()).startsWith("250 2.0.0 OK: queued as ");
            smtp.send("MAIL FROM:<someone@elsewhere.test>");
            assertThat(smtp.read()).isEqualTo("421 4.3.2 mail.demo.local Service shutting down, closing channel");
            assertThat(smtp.read()).as("then closed").isNull();
            irc.send("QUIT :moving on");
            assertThat(irc.readUntil("ERROR ")).isNotNull();
        }

        assertThat(this.demo.waitFor(Duration.ofSeconds(20))).as("exited on SIGTERM; see %s", this.demo.log())
                .isEqualTo(128 + 15);
        List<String> log = this.demo.output();
        int refusing = indexOf(log, "Readiness is REFUSING_TRAFFIC");
        int draining = indexOf(log, "Service 'smtp' stopped accepting; draining");
        assertThat(refusing).as("the gate's line; see %s", this.demo.log()).isNotNegative();
        assertThat(draining).as("the drain comes after readiness refused").isGreaterThan(refusing);
        assertThat(indexOf(log, "Service 'smtp' stopped (0 connection(s) closed)")).isGreaterThan(draining);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
