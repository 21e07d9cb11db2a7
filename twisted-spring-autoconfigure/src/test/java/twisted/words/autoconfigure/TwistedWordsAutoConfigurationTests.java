package twisted.words.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.application.context.TwistedServices;
import twisted.application.service.ServiceMonitor;
import twisted.cluster.Cluster;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.testing.MemoryCluster;
import twisted.words.irc.RawIrcClient;
import twisted.words.tap.IRCServiceMaker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code irc} service from properties alone: options bound, logins through the application's
 * portal (Spring Security's users), operators from encoded passwords, what Actuator shows, and
 * start-up failures that name the property. Talked to over a plain socket, in IRC.
 */
class TwistedWordsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                    TwistedCredAutoConfiguration.class, TwistedWordsAutoConfiguration.class,
                    TwistedServicesAutoConfiguration.class))
            .withPropertyValues("twisted.services.irc.endpoint=tcp:0");

    private static int port(org.springframework.context.ApplicationContext context) {
        return context.getEnvironment().getProperty("local.twisted.irc.port", Integer.class);
    }

    @Test
    void theMakerIsABeanAndTheServiceRunsOnlyWhenSwitchedOn() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(IRCServiceMaker.class);
            assertThat(context.getBean(TwistedServices.class).get("irc")).isEmpty();
        });
    }

    @Test
    void optionsShapeWhatClientsSee() {
        this.runner.withPropertyValues("twisted.services.irc.enabled=true",
                "twisted.services.irc.options.server-name=irc.example.test",
                "twisted.services.irc.options.network-name=ExampleNet",
                "twisted.services.irc.options.motd=First line\nSecond line",
                "twisted.services.irc.options.channels[0].name=#twisted",
                "twisted.services.irc.options.channels[0].topic=Event-driven networking",
                "twisted.services.irc.options.limits.nick-length=12").run(context -> {
                    try (RawIrcClient alice = new RawIrcClient(port(context))) {
                        alice.send("NICK alice");
                        alice.send("USER alice 0 * :Alice");
                        assertThat(alice.expect(" 001 ")).startsWith(":irc.example.test 001 alice ")
                                .contains("ExampleNet");
                        assertThat(alice.expect(" 005 ")).contains("NICKLEN=12");
                        alice.expect("First line");
                        alice.expect("Second line");
                        alice.expect(" 376 ");
                        alice.send("JOIN #twisted");
                        assertThat(alice.expect(" 332 ")).endsWith(":Event-driven networking");
                        alice.send("PING :sync");
                        alice.expect("PONG");
                        ServiceMonitor monitor = context.getBean(TwistedServices.class).get("irc").orElseThrow().service()
                                .getMonitor();
                        Map<String, Object> details = monitor.details();
                        assertThat(details).containsEntry("users", 1).containsEntry("channels", 1);
                        assertThat(details.get("channelList")).asList().hasSize(1).first().asString()
                                .contains("#twisted").contains("members=1");
                    }
                });
    }

    @Test
    void theMessageOfTheDayMayComeFromAFileAndAServerPasswordGuardsRegistration(@TempDir Path dir) throws Exception {
        Path motd = Files.writeString(dir.resolve("motd.txt"), "From the file\nLine two\n", StandardCharsets.UTF_8);
        this.runner.withPropertyValues("twisted.services.irc.enabled=true",
                "twisted.services.irc.options.motd=ignored when there is a file",
                "twisted.services.irc.options.motd-file=" + motd,
                "twisted.services.irc.options.server-password={noop}letmein").run(context -> {
                    try (RawIrcClient wrong = new RawIrcClient(port(context))) {
                        wrong.send("PASS guess", "NICK eve", "USER eve 0 * :Eve");
                        wrong.expect(" 464 ");
                        assertThat(wrong.expect("ERROR")).startsWith("ERROR :Closing Link");
                    }
                    try (RawIrcClient right = new RawIrcClient(port(context))) {
                        right.send("PASS letmein", "NICK frank", "USER frank 0 * :Frank");
                        right.expect(" 001 ");
                        assertThat(right.expect(" 372 ")).endsWith(":- From the file");
                        assertThat(right.expect(" 372 ")).endsWith(":- Line two");
                        right.expect(" 376 ");
                    }
                });
    }

    @Test
    void aStoppingServiceTellsEachClientInIrcTermsBeforeClosing() {
        this.runner.withPropertyValues("twisted.services.irc.enabled=true").run(context -> {
            try (RawIrcClient dave = new RawIrcClient(port(context))) {
                dave.send("NICK dave");
                dave.send("USER dave 0 * :Dave");
                dave.expect(" 422 ");
                context.close();
                assertThat(dave.expect("ERROR")).isEqualTo("ERROR :Closing Link: 127.0.0.1 (Server shutting down)");
            }
        });
    }

    @Test
    void springSecuritysUsersLogInWithSaslPlain() {
        this.runner.withPropertyValues("twisted.services.irc.enabled=true",
                "twisted.services.irc.options.require-login=true", "twisted.cred.users.alice.password=secret")
                .run(context -> {
                    try (RawIrcClient client = new RawIrcClient(port(context))) {
                        client.send("CAP LS 302");
                        assertThat(client.expect("CAP * LS")).contains("sasl");
                        client.send("NICK alice");
                        client.send("USER alice 0 * :Alice");
                        client.send("CAP REQ :sasl");
                        client.expect("ACK");
                        client.send("AUTHENTICATE PLAIN");
                        client.expect("AUTHENTICATE +");
                        client.send("AUTHENTICATE " + plain("alice", "wrong"));
                        client.expect(" 904 ");
                        client.send("AUTHENTICATE PLAIN");
                        client.expect("AUTHENTICATE +");
                        client.send("AUTHENTICATE " + plain("alice", "secret"));
                        client.expect(" 900 ");
                        client.expect(" 903 ");
                        client.send("CAP END");
                        client.expect(" 001 ");
                    }
                });
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void operatorsLogInWithEncodedPasswords() {
        this.runner.withPropertyValues("twisted.services.irc.enabled=true",
                "twisted.services.irc.options.operators.root={noop}hunter2").run(context -> {
                    try (RawIrcClient client = new RawIrcClient(port(context))) {
                        client.send("NICK carol");
                        client.send("USER carol 0 * :Carol");
                        client.expect(" 001 ");
                        client.send("OPER root wrong");
                        client.expect(" 464 ");
                        client.send("OPER root hunter2");
                        client.expect(" 381 ");
                    }
                });
    }

    /**
     * With a {@link Cluster} bean the server is a node of it: a nick another node holds is refused,
     * and what another node publishes reaches the local members. The other node is played on the
     * reactor thread, where the cluster's listeners run.
     */
    @Test
    void withAClusterBeanTheServerIsOneNodeOfIt() {
        MemoryCluster cluster = new MemoryCluster();
        Cluster other = cluster.node("two");
        this.runner.withBean(Cluster.class, () -> cluster.node("one"))
                .withPropertyValues("twisted.services.irc.enabled=true").run(context -> {
                    Reactor reactor = context.getBean(Reactor.class);
                    reactor.callFromThread(() -> other.names("irc.nicks").claim("bob", "bob!~bob@10.0.0.2 Bob"));
                    try (RawIrcClient alice = new RawIrcClient(port(context))) {
                        alice.send("NICK bob");
                        assertThat(alice.expect(" 433 ")).endsWith("bob :Nickname is already in use");
                        alice.send("NICK alice", "USER alice 0 * :Alice");
                        alice.expect(" 001 ");
                        alice.send("JOIN #c");
                        alice.expect(" 366 ");
                        reactor.callFromThread(() -> other.publish("irc.channel", ":bob!~bob@10.0.0.2 JOIN #c"));
                        assertThat(alice.expect(" JOIN ")).isEqualTo(":bob!~bob@10.0.0.2 JOIN #c");
                        alice.send("PING :sync");
                        alice.expect("PONG");
                        Map<String, Object> details = context.getBean(TwistedServices.class).get("irc").orElseThrow()
                                .service().getMonitor().details();
                        assertThat(details).containsEntry("clusterReceived", 1L);
                        assertThat((Long) details.get("clusterSent")).isPositive();
                    }
                });
    }

    @Test
    void aPasswordThatNamesNoEncodingFailsStartupNamingTheOption() {
        this.runner.withPropertyValues("twisted.services.irc.enabled=true",
                "twisted.services.irc.options.operators.root=hunter2").run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("twisted.services.irc.options.operators.root must be encoded")
                        .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain("hunter2")));
    }

    @Test
    void severalEventLoopsAreRefusedWithTheFix() {
        this.runner.withPropertyValues("twisted.services.irc.enabled=true", "twisted.reactor.threads=2")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining(
                        "twisted.reactor.threads is 2: remove twisted.reactor.threads, or set it to 1"));
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
