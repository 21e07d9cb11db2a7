package twisted.enterprise.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the database connection pool, under {@code twisted.adbapi}. The connections
 * themselves are Spring Boot's: {@code spring.r2dbc.url} chooses the database (embedded H2 when it
 * is unset), and {@code spring.r2dbc.pool.*} sizes the pool ({@code initial-size} is Twisted's
 * {@code cp_min}, {@code max-size} its {@code cp_max}, {@code validation-query} its
 * {@code cp_good_sql}).
 *
 * @param enabled Whether to provide a ConnectionPool bean when there is an R2DBC ConnectionFactory.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.adbapi")
public record AdbapiProperties(@DefaultValue("true") boolean enabled) {
}
