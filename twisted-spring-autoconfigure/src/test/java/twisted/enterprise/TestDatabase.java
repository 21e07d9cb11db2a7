package twisted.enterprise;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The databases the pool is tested on: embedded H2, always, and the real PostgreSQL server that
 * {@code .ci/start-postgres} starts, when {@value #POSTGRES_URL} gives its URL.
 */
enum TestDatabase {

    H2 {
        @Override
        @Nullable String url() {
            return "r2dbc:h2:mem:///adbapi-" + UUID.randomUUID() + "?options=DB_CLOSE_DELAY=-1";
        }
    },

    POSTGRESQL {
        @Override
        @Nullable String url() {
            String url = System.getenv(POSTGRES_URL);
            return (url == null || url.isBlank()) ? null : url;
        }
    };

    /** The environment variable that holds the PostgreSQL server's R2DBC URL. */
    static final String POSTGRES_URL = "TWISTED_TEST_POSTGRES_URL";

    /** A fresh database's URL (H2), or the server's (PostgreSQL), or {@code null} when there is none. */
    abstract @Nullable String url();
}
