package twisted.application.autoconfigure;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import twisted.application.context.ServiceBootstrap;
import twisted.application.context.ServiceConfigurationException;
import twisted.application.context.TwistedServices;
import twisted.application.internet.ClientService;
import twisted.application.internet.StreamServerEndpointService;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.internet.endpoints.Endpoints;
import twisted.protocols.wire.Echo;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TwistedServicesAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(TwistedReactorAutoConfiguration.class, TwistedServicesAutoConfiguration.class));

    private static String exchange(int port, String send) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[256];
            int n = socket.getInputStream().read(buffer);
            return new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }

    @Test
    void noServiceRunsUnlessEnabled() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(TwistedServices.class).hasSingleBean(ServiceBootstrap.class);
            assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty();
        });
    }

    @Test
    void enabledBuiltInServicesListenAndPublishTheirPorts() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                "twisted.services.greeting.enabled=true", "twisted.services.greeting.endpoint=tcp:0",
                "twisted.services.greeting.options.greeting=Carpe diem").run(context -> {
                    TwistedServices services = context.getBean(TwistedServices.class);
                    assertThat(services.getEntries()).extracting(TwistedServices.Entry::name).containsExactly("echo", "greeting");
                    TwistedServices.Entry first = services.getEntries().get(0);
                    assertThat(first.endpoint()).as("shown as the user wrote it").isEqualTo("tcp:0");
                    assertThat(first.listening().getBoundAddress()).as("bound on the default address")
                            .isInstanceOfSatisfying(IPAddress.class, bound -> assertThat(bound.host()).isEqualTo("127.0.0.1"));
                    int echo = context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class);
                    int greeting = context.getEnvironment().getProperty("local.twisted.greeting.port", Integer.class);
                    assertThat(exchange(echo, "ping")).isEqualTo("ping");
                    assertThat(exchange(greeting, "next")).isEqualTo("Carpe diem");
                });
    }

    @Test
    void servicesStopWithTheContext() {
        int[] port = new int[1];
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0")
                .run(context -> port[0] = context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class));
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new java.net.InetSocketAddress("127.0.0.1", port[0]));
        }
        catch (Exception ex) {
            throw new AssertionError("the port should be free after the context closed", ex);
        }
    }

    @Test
    void factoryBeanBecomesAServiceWithJustAnEndpoint() {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .withPropertyValues("twisted.services.myEcho.endpoint=tcp:0").run(context -> {
                    TwistedServices services = context.getBean(TwistedServices.class);
                    assertThat(services.get("myEcho")).hasValueSatisfying(entry -> assertThat(entry.source())
                            .isEqualTo("bean:myEcho"));
                    int port = context.getEnvironment().getProperty("local.twisted.myEcho.port", Integer.class);
                    assertThat(exchange(port, "mine")).isEqualTo("mine");
                });
    }

    @Test
    void factoryBeanWithoutAnEndpointIsNotAService() {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .run(context -> assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty());
    }

    @Test
    void pluginJarOnTheClassPathAddsAServiceByItsPresence(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("daytime-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/twisted.application.ServiceMaker"));
            out.write("twisted.application.autoconfigure.plugin.DaytimeServiceMaker\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ClassLoader withPlugin = new URLClassLoader(new URL[] { jar.toUri().toURL() }, getClass().getClassLoader());
        this.runner.withPropertyValues("twisted.services.daytime.enabled=true", "twisted.services.daytime.endpoint=tcp:0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("no ServiceMaker and no Factory bean is named 'daytime'"));
        this.runner.withClassLoader(withPlugin)
                .withPropertyValues("twisted.services.daytime.enabled=true", "twisted.services.daytime.endpoint=tcp:0",
                        "twisted.services.daytime.options.greeting=Hello from a plugin")
                .run(context -> {
                    int port = context.getEnvironment().getProperty("local.twisted.daytime.port", Integer.class);
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setSoTimeout(5000);
                        assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                                .isEqualTo("Hello from a plugin\r\n");
                    }
                });
    }

    @Test
    void malformedEndpointFailsStartupNamingThePropertyAndTheFix() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:eighty")
                .run(context -> {
                    assertThat(context).hasFailed();
                    ServiceConfigurationException failure = findCause(context.getStartupFailure());
                    assertThat(failure.getProperty()).isEqualTo("twisted.services.echo.endpoint");
                    FailureAnalysis analysis = new TwistedServiceFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("twisted.services.echo.endpoint")
                            .contains("'eighty' is not a valid port");
                    assertThat(analysis.getAction()).contains("Fix 'twisted.services.echo.endpoint'").contains("tcp:8000");
                });
    }

    @Test
    void portInUseFailsStartupNamingThePropertyAndTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            this.runner.withPropertyValues("twisted.services.echo.enabled=true",
                    "twisted.services.echo.endpoint=tcp:" + taken.getLocalPort()).run(context -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis = new TwistedServiceFailureAnalyzer().analyze(context.getStartupFailure());
                        assertThat(analysis.getDescription()).contains("cannot listen")
                                .contains("Property: twisted.services.echo.endpoint");
                        assertThat(analysis.getAction()).contains("Free the port").contains("tcp:0");
                    });
        }
    }

    @Test
    void factoryBeanEnabledWithoutAnEndpointFailsNamingThePropertyAndTheFix() {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .withPropertyValues("twisted.services.myEcho.enabled=true").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new TwistedServiceFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("'twisted.services.myEcho.enabled' is true but no endpoint is configured")
                            .contains("Property: twisted.services.myEcho.endpoint");
                    assertThat(analysis.getAction()).contains("Set 'twisted.services.myEcho.endpoint'").contains("tcp:0");
                });
    }

    @Test
    void factoryBeanEnabledWithAnEndpointIsAService() {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .withPropertyValues("twisted.services.myEcho.enabled=true", "twisted.services.myEcho.endpoint=tcp:0")
                .run(context -> assertThat(context.getBean(TwistedServices.class).get("myEcho")).isPresent());
    }

    @Test
    void factoryBeanDisabledIsNotAServiceEvenWithAnEndpoint() {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .withPropertyValues("twisted.services.myEcho.enabled=false", "twisted.services.myEcho.endpoint=tcp:0")
                .run(context -> assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty());
    }

    @Test
    void makerWithOptionsButNotEnabledWarnsNamingTheProperty(CapturedOutput output) {
        this.runner.withPropertyValues("twisted.services.greeting.options.greeting=Carpe diem").run(context -> {
            assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty();
            assertThat(output).contains("WARN").contains("'twisted.services.greeting.options' is set but "
                    + "'twisted.services.greeting.enabled' is not true: the service does not run");
        });
    }

    @Test
    void factoryBeanWithLimitsButNoEndpointWarnsNamingTheProperty(CapturedOutput output) {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .withPropertyValues("twisted.services.myEcho.max-connections=5").run(context -> {
                    assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty();
                    assertThat(output).contains("'twisted.services.myEcho.max-connections' is set but neither "
                            + "'twisted.services.myEcho.endpoint' nor 'twisted.services.myEcho.enabled=true' is set: "
                            + "the service does not run");
                });
    }

    @Test
    void twoServicesOnOnePortFailStartupNamingBoth() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:" + port,
                "twisted.services.greeting.enabled=true", "twisted.services.greeting.endpoint=tcp:" + port).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new TwistedServiceFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("cannot listen on 'tcp:" + port + "'")
                            .contains("is configured on the same port").contains("Value: tcp:" + port);
                    assertThat(analysis.getAction()).contains("Give '").contains("'echo'").contains("'greeting'")
                            .contains("twisted.services.echo.endpoint").contains("twisted.services.greeting.endpoint");
                });
    }

    @Test
    void unknownServiceNameFailsListingTheKnownNamesAndTheNearest() {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .withPropertyValues("twisted.services.ecoh.enabled=true").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new TwistedServiceFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("no ServiceMaker and no Factory bean is named 'ecoh'")
                            .contains("did you mean 'echo'?").contains("Value: true");
                    assertThat(analysis.getAction()).contains("Rename 'twisted.services.ecoh' to 'twisted.services.echo'")
                            .contains("[echo, greeting]").contains("[myEcho]");
                });
    }

    @Test
    void unknownServiceNameWithOnlyAnEndpointFails() {
        this.runner.withPropertyValues("twisted.services.ecoh.endpoint=tcp:8008").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new TwistedServiceFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("no ServiceMaker and no Factory bean is named 'ecoh'");
            assertThat(analysis.getAction()).contains("twisted.strict-properties=false");
        });
    }

    @Test
    void optionsForAFactoryBeanFail() {
        this.runner.withUserConfiguration(EchoFactoryConfiguration.class)
                .withPropertyValues("twisted.services.myEcho.endpoint=tcp:0", "twisted.services.myEcho.options.greeting=Hi")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.services.myecho.options.greeting"));
    }

    @Test
    void badLimitsFailNamingTheProperty() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.max-connections=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.services").hasStackTraceContaining("max-connections (0)"));
    }

    @Test
    void maxConnectionsRefusesTheExcessCleanlyAndCountsIt() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                "twisted.services.echo.max-connections=1").run(context -> {
                    int port = context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class);
                    StreamServerEndpointService echo = (StreamServerEndpointService) context.getBean(TwistedServices.class)
                            .get("echo").orElseThrow().service();
                    try (Socket first = new Socket("127.0.0.1", port); Socket second = new Socket("127.0.0.1", port)) {
                        first.setSoTimeout(5000);
                        second.setSoTimeout(5000);
                        OutputStream out = first.getOutputStream();
                        out.write('x');
                        assertThat(first.getInputStream().read()).isEqualTo('x');
                        assertThat(second.getInputStream().read()).as("the second is closed").isEqualTo(-1);
                        assertThat(echo.getStats().getRefused()).isEqualTo(1);
                        assertThat(echo.getStats().getOpen()).isEqualTo(1);
                    }
                });
    }

    @Test
    void idleConnectionsAreClosed() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                "twisted.services.echo.idle-timeout=300ms").run(context -> {
                    int port = context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class);
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setSoTimeout(5000);
                        assertThat(socket.getInputStream().read()).isEqualTo(-1);
                    }
                });
    }

    @Test
    void backsOffForTheUsersServices() {
        this.runner.withUserConfiguration(UserServices.class).withPropertyValues("twisted.services.echo.enabled=true")
                .run(context -> assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty());
    }

    private static ServiceConfigurationException findCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServiceConfigurationException found) {
                return found;
            }
        }
        throw new AssertionError("no ServiceConfigurationException in " + failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoFactoryConfiguration {

        @Bean
        Factory myEcho() {
            return Factory.forProtocol(Echo::new);
        }
    }

    /** Spring's test context cache pauses a context between test classes and restarts it for the next. */
    @Test
    void aPausedAndRestartedContextKeepsItsReactorAndServicesRunning() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0")
                .run(context -> {
                    int port = context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class);
                    context.getSourceApplicationContext(org.springframework.context.ConfigurableApplicationContext.class)
                            .pause();
                    assertThat(exchange(port, "while paused")).isEqualTo("while paused");
                    context.getSourceApplicationContext(org.springframework.context.ConfigurableApplicationContext.class)
                            .restart();
                    assertThat(context.getBean(Reactor.class).isRunning()).isTrue();
                    assertThat(exchange(port, "after restart")).isEqualTo("after restart");
                });
    }

    @Test
    void aServiceBeanRunsWithTheOthersUnlessSwitchedOff() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            ClientServiceConfiguration.port = peer.getLocalPort();
            this.runner.withUserConfiguration(ClientServiceConfiguration.class).run(context -> {
                TwistedServices services = context.getBean(TwistedServices.class);
                assertThat(services.get("greeter")).hasValueSatisfying(entry -> {
                    assertThat(entry.source()).isEqualTo("bean:greeter");
                    assertThat(entry.endpoint()).contains(String.valueOf(peer.getLocalPort()));
                    assertThat(entry.service().isRunning()).isTrue();
                });
                try (Socket connected = peer.accept()) {
                    connected.setSoTimeout(5000);
                    assertThat(connected.getInputStream().readNBytes(2)).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
                }
            });
            this.runner.withUserConfiguration(ClientServiceConfiguration.class)
                    .withPropertyValues("twisted.services.greeter.enabled=false").run(context -> {
                        assertThat(context.getBean(TwistedServices.class).get("greeter")).isEmpty();
                        assertThat(context.getBean(ClientService.class).isRunning()).isFalse();
                    });
            this.runner.withUserConfiguration(ClientServiceConfiguration.class)
                    .withPropertyValues("twisted.services.greeter.endpoint=tcp:0").run(context -> assertThat(context)
                            .getFailure().hasStackTraceContaining("'greeter' is a Service bean, which brings its own endpoint"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientServiceConfiguration {

        static volatile int port;

        @Bean
        ClientService greeter(Reactor reactor) {
            return new ClientService("greeter", Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + port),
                    Factory.forProtocol(() -> new Protocol() {
                        @Override
                        public void connectionMade() {
                            this.transport.write("hi".getBytes(StandardCharsets.UTF_8));
                        }
                    }), reactor);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserServices {

        @Bean
        TwistedServices myServices() {
            return new TwistedServices(new twisted.application.service.MultiService("mine"), java.util.List.of());
        }
    }
}
