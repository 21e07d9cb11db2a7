package twisted.demo.cred;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UsernamePassword;
import twisted.internet.Reactor;
import twisted.internet.Threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Chapter 9 end to end: the same user logs in over a plain socket to the {@code echo-cred}
 * service and over HTTP Basic, everything logged at DEBUG, and no password reaches the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.endpoint=tcp:0", "twisted.services.quote.endpoint=tcp:0",
        "twisted.services.chat.endpoint=tcp:0", "twisted.services.echo-cred.endpoint=tcp:0",
        "spring.security.user.password=" + CredDemoTests.PASSWORD, "twisted.cred.throttle.initial-delay=200ms",
        "logging.level.twisted=DEBUG", "logging.level.org.springframework.security=DEBUG" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class CredDemoTests {

    static final String PASSWORD = "Test-0nly-Pa55word";

    private static final String WRONG = "Wr0ng-Pa55word-Guess";

    @Autowired
    private WebTestClient client;

    @Autowired
    private Portal portal;

    @Autowired
    private Reactor reactor;

    @Autowired
    private EchoRealm realm;

    @Value("${local.twisted.echo-cred.port}")
    private int port;

    private record Line(Socket socket, BufferedReader in, PrintWriter out) implements AutoCloseable {

        static Line connect(int port) throws Exception {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            return new Line(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8));
        }

        String ask(String line) throws Exception {
            this.out.print(line + "\r\n");
            this.out.flush();
            return this.in.readLine();
        }

        @Override
        public void close() throws Exception {
            this.socket.close();
        }
    }

    @Test
    void theSameUserLogsInOverTheSocketAndOverHttpBasicAndNoPasswordIsLogged(CapturedOutput output) throws Exception {
        try (Line line = Line.connect(this.port)) {
            assertThat(line.in().readLine()).isEqualTo("Please log in: <username> <password>");
            assertThat(line.ask("admin " + PASSWORD)).isEqualTo("Login successful, please proceed.");
            assertThat(line.ask("hello, chapter 9")).isEqualTo("hello, chapter 9");
            assertThat(this.realm.getSessions()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> this.realm.getSessions() == 0);

        this.client.get().uri("/whoami").headers(h -> h.setBasicAuth("admin", PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("admin\n");
        this.client.get().uri("/whoami").headers(h -> h.setBasicAuth("admin", WRONG)).exchange()
                .expectStatus().isUnauthorized();
        this.client.get().uri("/whoami").exchange().expectStatus().isUnauthorized();

        for (String attempt : new String[] { "admin " + WRONG, "nobody " + PASSWORD }) {
            try (Line line = Line.connect(this.port)) {
                line.in().readLine();
                assertThat(line.ask(attempt)).isEqualTo("Login denied, goodbye.");
                assertThat(line.in().readLine()).as("the server closed the connection").isNull();
            }
        }

        assertThat(output).contains("'admin' logged in").contains("Login with UsernamePassword[username=nobody");
        assertThat(output).doesNotContain(PASSWORD).doesNotContain(WRONG)
                .doesNotContain(Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongPasswordAndUnknownUserFailThroughThePortalWithUnauthorizedLogin() throws Exception {
        LoginResult result = login("admin", PASSWORD);
        assertThat(result.avatar(ProtocolAvatar.class).name()).isEqualTo("admin");
        result.logout().run();
        assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> login("admin", WRONG));
        assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> login("nobody", PASSWORD));
    }

    private LoginResult login(String username, String password) throws Exception {
        return Threads.blockingCallFromThread(this.reactor,
                () -> this.portal.login(new UsernamePassword(username, password), null, ProtocolAvatar.class),
                Duration.ofSeconds(10));
    }
}
