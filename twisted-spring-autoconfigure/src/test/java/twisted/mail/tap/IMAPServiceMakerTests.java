package twisted.mail.tap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import twisted.application.ServiceMaker;
import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.application.context.ServiceBootstrap;
import twisted.application.context.TwistedServices;
import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.mail.autoconfigure.TwistedMailAutoConfiguration;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.MemoryReactor;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code imap} service as the starter builds it from properties, on a {@link MemoryReactor}
 * whose clock the test moves: the connection the reactor would accept goes through the service's
 * own wrapper (its limits, the generic idle timeout among them) into the IMAP server, so that both
 * timeouts run on the same clock.
 */
class IMAPServiceMakerTests {

    private static final IPv4Address PEER = new IPv4Address("TCP", "192.0.2.7", 50143);

    @TempDir
    Path maildir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                        TwistedMailAutoConfiguration.class, TwistedServicesAutoConfiguration.class))
                .withUserConfiguration(InMemory.class)
                .withPropertyValues("twisted.mail.maildir=" + this.maildir, "twisted.mail.domains=example.test",
                        "twisted.mail.hostname=mail.example.test",
                        "twisted.services.imap.enabled=true", "twisted.services.imap.options.allow-login-without-tls=true");
    }

    @Test
    void theImapServerKeepsItsOwnIdleTimeout() {
        assertThat(new IMAPServiceMaker(null).getDefaultIdleTimeout()).isNull();
    }

    @Test
    void aSilentIdleOutlastsTheGenericTimeoutAndEndsWithImapsOwnByeAtThirtyMinutes() {
        runner().run(context -> {
            Session alice = idling(context);
            alice.reactor.advance(ServiceMaker.DEFAULT_IDLE_TIMEOUT);
            assertThat(alice.transport.isDisconnecting()).as("open past the generic 10 minutes").isFalse();
            alice.reactor.advance(Duration.ofMinutes(30).minus(ServiceMaker.DEFAULT_IDLE_TIMEOUT).minusSeconds(1));
            assertThat(alice.take()).isEmpty();
            assertThat(alice.transport.isDisconnecting()).isFalse();
            alice.reactor.advance(Duration.ofSeconds(1));
            assertThat(alice.take()).containsExactly("* BYE Autologout; idle for too long");
            assertThat(alice.transport.isDisconnecting()).isTrue();
        });
    }

    @Test
    void anIdleTimeoutSetForTheServiceWins() {
        runner().withPropertyValues("twisted.services.imap.idle-timeout=1m").run(context -> {
            Session alice = idling(context);
            alice.reactor.advance(Duration.ofSeconds(59));
            assertThat(alice.transport.isDisconnecting()).isFalse();
            alice.reactor.advance(Duration.ofSeconds(1));
            assertThat(alice.transport.isDisconnecting()).as("closed by the service's idle-timeout").isTrue();
            assertThat(alice.take()).as("without a word").isEmpty();
        });
    }

    /** Starts the service, connects, logs alice in, selects her INBOX and leaves her in IDLE. */
    private static Session idling(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        MemoryReactor reactor = context.getBean(MemoryReactor.class);
        context.getBean(TwistedServices.class).getRoot().startService();
        Factory factory = reactor.tcpServers().get(0).factory();
        Protocol protocol = factory.buildProtocol(PEER);
        assertThat(protocol).isNotNull();
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection(
                new IPv4Address("TCP", "127.0.0.1", 8143), PEER);
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        Session session = new Session(reactor, protocol, transport);
        assertThat(session.take()).singleElement().asString().startsWith("* OK ");
        assertThat(session.send("a LOGIN alice secret")).last().asString().startsWith("a OK ");
        assertThat(session.send("b SELECT INBOX")).last().asString().startsWith("b OK ");
        assertThat(session.send("c IDLE")).containsExactly("+ idling");
        return session;
    }

    /** One IMAP connection in memory: sends a line, lets the reactor run what is due now, and reads the lines written. */
    private record Session(MemoryReactor reactor, Protocol protocol, StringTransportWithDisconnection transport) {

        List<String> send(String line) {
            this.protocol.dataReceived((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            this.reactor.advance(Duration.ZERO);
            return take();
        }

        List<String> take() {
            String out = this.transport.valueAsString();
            this.transport.clear();
            List<String> lines = new ArrayList<>(Arrays.asList(out.split("\r\n", -1)));
            lines.remove(lines.size() - 1);
            return lines;
        }
    }

    /**
     * The reactor is the test's; the services are started by the test too, since the bootstrap
     * waits on the reactor thread, which a memory reactor runs only when the test advances it.
     * The portal checks passwords at once, where Spring Security's would on a thread of its own.
     */
    @Configuration(proxyBeanMethods = false)
    static class InMemory {

        @Bean
        MemoryReactor memoryReactor() {
            return new MemoryReactor();
        }

        @Bean
        Portal portal() {
            Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> {
            }, Object.class)));
            portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "secret"));
            return portal;
        }

        @Bean
        ServiceBootstrap twistedServiceBootstrap(TwistedServices services, Reactor reactor,
                ConfigurableEnvironment environment, ApplicationEventPublisher events) {
            return new ServiceBootstrap(services, reactor, environment, events, Duration.ofSeconds(1)) {

                @Override
                public boolean isAutoStartup() {
                    return false;
                }
            };
        }
    }
}
