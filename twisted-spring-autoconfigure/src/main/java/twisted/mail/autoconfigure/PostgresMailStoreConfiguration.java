package twisted.mail.autoconfigure;

import java.sql.SQLException;
import java.util.Set;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import twisted.cred.autoconfigure.CredProperties;
import twisted.internet.Reactor;
import twisted.mail.MailStore;
import twisted.mail.actuate.PostgresMailStoreHealthIndicator;
import twisted.mail.postgres.MailSchema;
import twisted.mail.postgres.PostgresMailStore;

/**
 * The PostgreSQL mail store, for {@code twisted.mail.store=postgres}: its tables migrated by Flyway
 * (own history table, own locations), the start-up mailboxes created, then the store started.
 *
 * <p>Connections: with {@code twisted.mail.postgres.url} set, the store opens its own
 * ConnectionFactory on it (use {@code r2dbc:pool:postgresql://...} for a pool); otherwise it uses
 * the application's ConnectionFactory bean (Spring Boot's, from {@code spring.r2dbc.*}), so one
 * pool serves the application and its mail. Flyway speaks JDBC: its URL is
 * {@code twisted.mail.postgres.jdbc-url}, or derived from the R2DBC URL (this store's, else
 * {@code spring.r2dbc.url}); its user and password are this store's, else {@code spring.r2dbc.*}'s
 * when the application's factory is used, else the R2DBC URL's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "twisted.mail.store", havingValue = "postgres")
@ConditionalOnClass(name = { "io.r2dbc.postgresql.api.PostgresqlConnection", "org.flywaydb.core.Flyway",
        "org.postgresql.Driver" })
class PostgresMailStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PostgresMailStoreConfiguration.class);

    @Bean
    @Lazy
    @ConditionalOnMissingBean(MailStore.class)
    PostgresMailStore twistedPostgresMailStore(MailProperties properties, Reactor reactor,
            ObjectProvider<ConnectionFactory> connectionFactories, ObjectProvider<CredProperties> cred,
            Environment environment) throws SQLException {
        MailProperties.Postgres settings = properties.postgres();
        ConnectionFactory factory;
        @Nullable String r2dbcUrl;
        @Nullable String username = settings.username();
        @Nullable String password = settings.password();
        if (settings.url() != null) {
            r2dbcUrl = settings.url();
            ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(r2dbcUrl).mutate();
            if (username != null) {
                options.option(ConnectionFactoryOptions.USER, username);
            }
            if (password != null) {
                options.option(ConnectionFactoryOptions.PASSWORD, password);
            }
            factory = ConnectionFactories.get(options.build());
        }
        else {
            factory = connectionFactories.getIfUnique();
            if (factory == null) {
                throw new IllegalStateException("twisted.mail.store is postgres but there is no R2DBC ConnectionFactory: "
                        + "set twisted.mail.postgres.url, or spring.r2dbc.url with spring-boot-starter-data-r2dbc");
            }
            r2dbcUrl = environment.getProperty("spring.r2dbc.url");
            if (username == null) {
                username = environment.getProperty("spring.r2dbc.username");
            }
            if (password == null) {
                password = environment.getProperty("spring.r2dbc.password");
            }
        }
        String jdbcUrl = settings.jdbcUrl();
        if (jdbcUrl == null) {
            if (r2dbcUrl == null) {
                throw new IllegalStateException("twisted.mail.store is postgres but Flyway has no JDBC URL to make the "
                        + "tables with: set twisted.mail.postgres.jdbc-url (or twisted.mail.postgres.url)");
            }
            jdbcUrl = MailSchema.jdbcUrl(r2dbcUrl);
        }
        if (r2dbcUrl != null && (username == null || password == null)) {
            @Nullable String[] fromUrl = MailSchema.credentials(r2dbcUrl);
            username = (username != null) ? username : fromUrl[0];
            password = (password != null) ? password : fromUrl[1];
        }
        MailSchema.Database database = new MailSchema.Database(jdbcUrl, username, password, settings.schema());
        int migrations = MailSchema.migrate(database);
        log.info("Mail store: PostgreSQL at {} ({} migration(s) applied)", jdbcUrl, migrations);
        Set<String> mailboxes = MailSchema.createMailboxes(database,
                TwistedMailAutoConfiguration.initialMailboxes(properties, cred));
        PostgresMailStore store = new PostgresMailStore(factory, reactor,
                new PostgresMailStore.Options(settings.schema(), settings.maxMessageSize().toBytes()));
        store.rememberMailboxes(mailboxes);
        store.start();
        return store;
    }

    /**
     * The store's health. The store itself is opened by the first mail service that needs it;
     * the indicator never opens it, and says {@code UNKNOWN} until then.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "twistedMailStoreHealthIndicator")
        PostgresMailStoreHealthIndicator twistedMailStoreHealthIndicator(ConfigurableListableBeanFactory beans) {
            return new PostgresMailStoreHealthIndicator(() -> {
                for (String name : beans.getBeanNamesForType(MailStore.class, true, false)) {
                    if (beans.containsSingleton(name) && beans.getBean(name) instanceof PostgresMailStore store) {
                        return store;
                    }
                }
                return null;
            });
        }
    }

    /** {@code twisted.mail.store=postgres} without the libraries: say which ones. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "twisted.mail.store", havingValue = "postgres")
    @Conditional(Missing.AnyLibraryMissing.class)
    static class Missing {

        /** Any one of the store's libraries is missing. */
        static final class AnyLibraryMissing extends AnyNestedCondition {

            AnyLibraryMissing() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @ConditionalOnMissingClass("io.r2dbc.postgresql.api.PostgresqlConnection")
            static final class R2dbcPostgresql {
            }

            @ConditionalOnMissingClass("org.flywaydb.core.Flyway")
            static final class Flyway {
            }

            @ConditionalOnMissingClass("org.postgresql.Driver")
            static final class JdbcDriver {
            }
        }


        @Bean
        @Lazy
        @ConditionalOnMissingBean(MailStore.class)
        MailStore twistedPostgresMailStore() {
            throw new IllegalStateException("twisted.mail.store is postgres but the PostgreSQL store's libraries are "
                    + "missing: add org.postgresql:r2dbc-postgresql, org.postgresql:postgresql, "
                    + "org.flywaydb:flyway-core and org.flywaydb:flyway-database-postgresql");
        }
    }
}
