package twisted.mail;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import twisted.internet.Reactor;
import twisted.mail.maildir.MaildirStore;
import twisted.mail.postgres.PostgresTestDatabase;

/**
 * The stores the storage contract is tested on: Maildir, always, and PostgreSQL when
 * {@code TWISTED_TEST_POSTGRES_URL} names a server (each test on a schema of its own).
 */
enum StoreKind {

    MAILDIR {
        @Override
        Stores open(Path directory) {
            return new Stores() {
                @Override
                public MailStore newStore(Reactor reactor) {
                    return new MaildirStore(directory.resolve("mail"), reactor);
                }

                @Override
                public void close() {
                }
            };
        }
    },

    POSTGRESQL {
        @Override
        @Nullable Stores open(Path directory) {
            if (PostgresTestDatabase.serverUrl() == null) {
                return null;
            }
            PostgresTestDatabase database = PostgresTestDatabase.create();
            return new Stores() {
                @Override
                public MailStore newStore(Reactor reactor) {
                    return database.newStore(reactor);
                }

                @Override
                public void close() throws Exception {
                    database.close();
                }
            };
        }
    };

    /** Where the stores of one test live, or {@code null} when this kind cannot be tested here. */
    abstract @Nullable Stores open(Path directory);

    /** Stores on one place (one directory, one schema): several of them are several "nodes". */
    interface Stores extends AutoCloseable {

        /** A new store (a {@link FolderStore} too). */
        MailStore newStore(Reactor reactor);
    }
}
