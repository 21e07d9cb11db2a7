package twisted.enterprise.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import twisted.enterprise.ConnectionPool;
import twisted.enterprise.Row;
import twisted.internet.Reactor;
import twisted.internet.Threads;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class TwistedAdbapiAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class, TwistedReactorAutoConfiguration.class,
                    TwistedAdbapiAutoConfiguration.class))
            .withPropertyValues("spring.r2dbc.generate-unique-name=true");

    @Test
    void poolRunsQueriesOnSpringBootsEmbeddedDatabase() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(ConnectionPool.class).hasSingleBean(io.r2dbc.pool.ConnectionPool.class);
            assertThat(selectOne(context)).extracting(Row::values).containsExactly(List.of(1));
        });
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "TWISTED_TEST_POSTGRES_URL", matches = ".+")
    void poolRunsQueriesOnPostgresqlChosenBySpringR2dbcUrl() {
        this.runner.withPropertyValues("spring.r2dbc.url=" + System.getenv("TWISTED_TEST_POSTGRES_URL"))
                .run(context -> {
                    assertThat(context.getBean(io.r2dbc.pool.ConnectionPool.class).getMetadata().getName())
                            .isEqualTo("PostgreSQL");
                    assertThat(selectOne(context)).extracting(Row::values).containsExactly(List.of(1));
                });
    }

    @Test
    void disabledByProperty() {
        this.runner.withPropertyValues("twisted.adbapi.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ConnectionPool.class)
                        .hasSingleBean(io.r2dbc.pool.ConnectionPool.class));
    }

    @Test
    void backsOffForTheUsersPool() {
        this.runner.withUserConfiguration(UserPool.class).run(context -> assertThat(context)
                .hasSingleBean(ConnectionPool.class).getBean(ConnectionPool.class).isSameAs(context.getBean("myPool")));
    }

    @Test
    void absentWithoutAConnectionFactory() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class, TwistedAdbapiAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionPool.class));
    }

    @Test
    void absentWithoutAReactor() {
        this.runner.withPropertyValues("twisted.reactor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Reactor.class).doesNotHaveBean(ConnectionPool.class));
    }

    @Test
    void absentWithoutSpringR2dbc() {
        this.runner.withClassLoader(new FilteredClassLoader(DatabaseClient.class))
                .run(context -> assertThat(context).doesNotHaveBean(ConnectionPool.class));
    }

    @Test
    void enabledByDefault() {
        this.runner.run(context -> assertThat(context.getBean(AdbapiProperties.class).enabled()).isTrue());
    }

    private static List<Row> selectOne(AssertableApplicationContext context) throws Exception {
        ConnectionPool pool = context.getBean(ConnectionPool.class);
        return Threads.blockingCallFromThread(context.getBean(Reactor.class), () -> pool.runQuery("SELECT 1"),
                Duration.ofSeconds(20));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPool {

        @Bean
        ConnectionPool myPool() {
            return mock(ConnectionPool.class);
        }
    }
}
