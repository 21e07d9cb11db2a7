package twisted.internet.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import twisted.internet.Reactor;
import twisted.internet.netty.NettyReactor;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedReactorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class));

    @Test
    void runsANettyReactorWithTheContext() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(NettyReactor.class).hasSingleBean(ReactorLifecycle.class);
            NettyReactor reactor = context.getBean(NettyReactor.class);
            assertThat(reactor.isRunning()).isTrue();
            assertThat(reactor.getStatistics().threads()).isEqualTo(1);
            assertThat(reactor.getStatistics().threadPoolSize()).isEqualTo(10);
        });
    }

    @Test
    void reactorStopsWithTheContext() {
        NettyReactor[] seen = new NettyReactor[1];
        this.runner.run(context -> seen[0] = context.getBean(NettyReactor.class));
        assertThat(seen[0].isRunning()).isFalse();
    }

    @Test
    void propertiesConfigureTheReactor() {
        this.runner.withPropertyValues("twisted.reactor.threads=2", "twisted.reactor.thread-pool.size=3",
                "twisted.reactor.native-transport=false", "twisted.reactor.shutdown-timeout=5s",
                "twisted.reactor.max-spawns-in-flight=8").run(context -> {
                    NettyReactor reactor = context.getBean(NettyReactor.class);
                    assertThat(reactor.getStatistics().threads()).isEqualTo(2);
                    assertThat(reactor.getStatistics().threadPoolSize()).isEqualTo(3);
                    assertThat(reactor.getStatistics().transport()).isEqualTo("nio");
                    assertThat(context.getBean(ReactorProperties.class).shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(context.getBean(ReactorProperties.class).maxSpawnsInFlight()).isEqualTo(8);
                });
    }

    @Test
    void disabledByProperty() {
        this.runner.withPropertyValues("twisted.reactor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Reactor.class).doesNotHaveBean(ReactorLifecycle.class));
    }

    @Test
    void backsOffForTheUsersReactor() {
        this.runner.withUserConfiguration(UserReactor.class).run(context -> {
            assertThat(context).hasSingleBean(Reactor.class).doesNotHaveBean(NettyReactor.class);
            assertThat(context.getBean(Reactor.class).isRunning()).as("the lifecycle runs the user's reactor").isTrue();
        });
    }

    @Test
    void badValuesFailNamingTheProperty() {
        this.runner.withPropertyValues("twisted.reactor.threads=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.reactor.threads (0) must be at least 1"));
        this.runner.withPropertyValues("twisted.reactor.thread-pool.size=-1")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.reactor.thread-pool.size"));
        this.runner.withPropertyValues("twisted.reactor.shutdown-timeout=soon")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.reactor.shutdown-timeout"));
        this.runner.withPropertyValues("twisted.reactor.max-spawns-in-flight=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.reactor.max-spawns-in-flight (0) must be at least 1"));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserReactor {

        @Bean
        Reactor myReactor() {
            return new MemoryReactor();
        }
    }
}
