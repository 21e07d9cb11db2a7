package twisted.application.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.context.TwistedServices;
import twisted.application.internet.ServerLimits;
import twisted.application.service.Service;
import twisted.internet.Factory;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.protocols.wire.Echo;
import twisted.testing.MemoryReactor;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the assembler resolves each service's limits from its settings and its maker: the idle
 * timeout is the one configured, else the maker's default, else (for a {@code Factory} bean's
 * service) the generic 10 minutes; on a {@link MemoryReactor}, whose clock the test moves.
 */
class ServiceAssemblerTests {

    private static final IPv4Address PEER = new IPv4Address("TCP", "192.0.2.7", 40000);

    private final MemoryReactor reactor = new MemoryReactor();

    private TwistedServices assemble(Map<String, ServiceMaker<?>> makers, Map<String, Factory> factories,
            String... properties) {
        MockEnvironment environment = new MockEnvironment();
        for (String property : properties) {
            String[] pair = property.split("=", 2);
            environment.setProperty(pair[0], pair[1]);
        }
        TwistedServicesProperties services = Binder.get(environment).bindOrCreate("twisted.services",
                Bindable.of(TwistedServicesProperties.class));
        return new ServiceAssembler(this.reactor, services, environment, Duration.ZERO).assemble(makers, factories);
    }

    private static Map<String, ServiceMaker<?>> makers(ServiceMaker<?>... makers) {
        Map<String, ServiceMaker<?>> byName = new LinkedHashMap<>();
        for (ServiceMaker<?> maker : makers) {
            byName.put(maker.getName(), maker);
        }
        return byName;
    }

    @Test
    void aMakerThatSaysNothingGetsTheGenericIdleTimeout() {
        Recording plain = new Recording("plain");
        assemble(makers(plain), Map.of(), "twisted.services.plain.enabled=true");
        assertThat(plain.limits().idleTimeout()).isEqualTo(ServiceMaker.DEFAULT_IDLE_TIMEOUT)
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aMakersOwnDefaultIdleTimeoutAppliesWhenNoneIsConfigured() {
        Recording none = new OwnIdleTimeout("quiet", null);
        Recording longer = new OwnIdleTimeout("patient", Duration.ofHours(1));
        assemble(makers(none, longer), Map.of(), "twisted.services.quiet.enabled=true",
                "twisted.services.patient.enabled=true");
        assertThat(none.limits().idleTimeout()).as("none: the protocol keeps its own").isNull();
        assertThat(longer.limits().idleTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aConfiguredIdleTimeoutWinsOverTheMakersDefault() {
        Recording none = new OwnIdleTimeout("quiet", null);
        Recording plain = new Recording("plain");
        assemble(makers(none, plain), Map.of(), "twisted.services.quiet.enabled=true",
                "twisted.services.quiet.idle-timeout=1m", "twisted.services.plain.enabled=true",
                "twisted.services.plain.idle-timeout=20m");
        assertThat(none.limits().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(plain.limits().idleTimeout()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void zeroIsNoIdleTimeoutWhateverTheMakersDefault() {
        Recording patient = new OwnIdleTimeout("patient", Duration.ofHours(1));
        Recording plain = new Recording("plain");
        assemble(makers(patient, plain), Map.of(), "twisted.services.patient.enabled=true",
                "twisted.services.patient.idle-timeout=0", "twisted.services.plain.enabled=true",
                "twisted.services.plain.idle-timeout=0s");
        assertThat(patient.limits().idleTimeout()).isNull();
        assertThat(plain.limits().idleTimeout()).isNull();
    }

    @Test
    void aFactoryBeansServiceWithIdleTimeoutZeroKeepsASilentConnection() {
        TwistedServices services = assemble(Map.of(), Map.of("myEcho", Factory.forProtocol(Echo::new)),
                "twisted.services.myEcho.endpoint=tcp:7007", "twisted.services.myEcho.idle-timeout=0");
        StringTransportWithDisconnection transport = connect(services);
        this.reactor.advance(Duration.ofDays(1));
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void aFactoryBeansServiceClosesASilentConnectionAfterTenMinutes() {
        TwistedServices services = assemble(Map.of(), Map.of("myEcho", Factory.forProtocol(Echo::new)),
                "twisted.services.myEcho.endpoint=tcp:7007");
        StringTransportWithDisconnection transport = connect(services);
        this.reactor.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(transport.isDisconnecting()).isFalse();
        this.reactor.advance(Duration.ofMillis(1));
        assertThat(transport.isDisconnecting()).as("closed after 10 minutes of silence").isTrue();
    }

    @Test
    void aFactoryBeansConfiguredIdleTimeoutWins() {
        TwistedServices services = assemble(Map.of(), Map.of("myEcho", Factory.forProtocol(Echo::new)),
                "twisted.services.myEcho.endpoint=tcp:7007", "twisted.services.myEcho.idle-timeout=30s");
        StringTransportWithDisconnection transport = connect(services);
        this.reactor.advance(Duration.ofSeconds(30));
        assertThat(transport.isDisconnecting()).isTrue();
    }

    /** Starts the services and connects to the one listening, as the reactor does on an accept. */
    private StringTransportWithDisconnection connect(TwistedServices services) {
        services.getRoot().startService();
        Protocol protocol = this.reactor.tcpServers().get(0).factory().buildProtocol(PEER);
        assertThat(protocol).isNotNull();
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        return transport;
    }

    /** A maker that keeps the context it was given, and says nothing of idle timeouts. */
    private static class Recording implements ServiceMaker<ServiceMaker.NoOptions> {

        private final String name;

        private @Nullable ServiceMakerContext context;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return this.name;
        }

        @Override
        public String getDescription() {
            return "records its context";
        }

        @Override
        public Class<NoOptions> getOptionsType() {
            return NoOptions.class;
        }

        @Override
        public String getDefaultEndpoint() {
            return "tcp:0";
        }

        @Override
        public Service makeService(ServiceMakerContext context, NoOptions options) {
            this.context = context;
            return context.listen(Factory.forProtocol(Echo::new));
        }

        ServerLimits limits() {
            assertThat(this.context).as("makeService called").isNotNull();
            return this.context.limits();
        }
    }

    /** A recording maker with a default idle timeout of its own. */
    private static final class OwnIdleTimeout extends Recording {

        private final @Nullable Duration idleTimeout;

        OwnIdleTimeout(String name, @Nullable Duration idleTimeout) {
            super(name);
            this.idleTimeout = idleTimeout;
        }

        @Override
        public @Nullable Duration getDefaultIdleTimeout() {
            return this.idleTimeout;
        }
    }
}
