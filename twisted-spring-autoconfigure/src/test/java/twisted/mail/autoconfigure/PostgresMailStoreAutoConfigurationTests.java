package twisted.mail.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.application.context.TwistedServices;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.mail.MailStore;
import twisted.mail.maildir.MaildirStore;
import twisted.mail.postgres.MailSchema;
import twisted.mail.postgres.PostgresMailStore;
import twisted.mail.postgres.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code twisted.mail.store=postgres} from properties alone, on the real server
 * ({@code TWISTED_TEST_POSTGRES_URL}; those tests skip without it): two applications on one schema
 * are two nodes; Angus (Jakarta) Mail sends through the first one's SMTP, and its IMAP IDLE on the
 * second one wakes and its POP3 reads the message; a commit that fails gives the SMTP client no
 * {@code 250}.
 */
class PostgresMailStoreAutoConfigurationTests {

    private PostgresTestDatabase database;

    @BeforeEach
    void schema() {
        if (PostgresTestDatabase.serverUrl() != null) {
            this.database = PostgresTestDatabase.create();
        }
    }

    @AfterEach
    void drop() throws Exception {
        if (this.database != null) {
            this.database.close();
        }
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                        TwistedCredAutoConfiguration.class, TwistedMailAutoConfiguration.class,
                        TwistedServicesAutoConfiguration.class))
                .withPropertyValues("twisted.mail.domains=example.test", "twisted.mail.hostname=mail.example.test",
                        "twisted.cred.users.alice.password=secret");
    }

    private ApplicationContextRunner node(String r2dbcUrl) {
        return runner().withPropertyValues("twisted.mail.store=postgres", "twisted.mail.postgres.url=" + r2dbcUrl,
                "twisted.mail.postgres.schema=" + this.database.schema);
    }

    private static int port(ApplicationContext context, String service) {
        return context.getEnvironment().getProperty("local.twisted." + service + ".port", Integer.class);
    }

    @Test
    void maildirStaysTheDefault() {
        runner().withPropertyValues("twisted.mail.maildir=target/unused-maildir").run(context -> {
            assertThat(context).hasSingleBean(MailStore.class);
            assertThat(context.getBean(MailStore.class)).isInstanceOf(MaildirStore.class);
        });
    }

    @Test
    void postgresWithoutAConnectionFactoryOrUrlFailsWithTheFix() {
        runner().withPropertyValues("twisted.mail.store=postgres").run(context -> {
            assertThatExceptionOfType(Exception.class).isThrownBy(() -> context.getBean(MailStore.class))
                    .withStackTraceContaining("twisted.mail.postgres.url, or spring.r2dbc.url");
        });
    }

    @Test
    void theSchemaIsMigratedWithItsOwnHistoryAndTheStartupMailboxesExist() throws Exception {
        assumeTrue(this.database != null, "no PostgreSQL server to test on");
        node(this.database.url).withPropertyValues("twisted.mail.mailboxes=info").run(context -> {
            HealthIndicator health = context.getBean("twistedMailStoreHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).as("no service has opened the store").isEqualTo(Status.UNKNOWN);
            PostgresMailStore store = (PostgresMailStore) context.getBean(MailStore.class);
            assertThat(store.exists("postmaster")).isTrue();
            assertThat(store.exists("alice")).as("a twisted.cred user").isTrue();
            assertThat(store.exists("info")).isTrue();
            assertThat(this.database.queryLong("SELECT count(*) FROM " + MailSchema.HISTORY_TABLE
                    + " WHERE success AND version = '1'")).isEqualTo(1);
            assertThat(this.database.queryLong("SELECT count(*) FROM twisted_mail_folders WHERE name = 'INBOX'"))
                    .isEqualTo(3);
            await().atMost(Duration.ofSeconds(20)).until(store::isListening);
            assertThat(store.details()).containsEntry("type", "postgres").containsEntry("listening", true)
                    .containsEntry("schema", this.database.schema);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("listening", true);
        });
    }

    @Test
    void theApplicationsConnectionFactoryIsUsedWhenNoUrlIsSet() {
        assumeTrue(this.database != null, "no PostgreSQL server to test on");
        AtomicInteger created = new AtomicInteger();
        ConnectionFactory real = ConnectionFactories.get(this.database.url);
        ConnectionFactory counting = new ConnectionFactory() {
            @Override
            public Publisher<? extends io.r2dbc.spi.Connection> create() {
                created.incrementAndGet();
                return real.create();
            }

            @Override
            public io.r2dbc.spi.ConnectionFactoryMetadata getMetadata() {
                return real.getMetadata();
            }
        };
        runner().withBean(ConnectionFactory.class, () -> counting)
                .withPropertyValues("twisted.mail.store=postgres", "spring.r2dbc.url=" + this.database.url,
                        "twisted.mail.postgres.schema=" + this.database.schema)
                .run(context -> {
                    PostgresMailStore store = (PostgresMailStore) context.getBean(MailStore.class);
                    await().atMost(Duration.ofSeconds(20)).until(store::isListening);
                    assertThat(created).as("the listening connection came from the application's factory")
                            .hasPositiveValue();
                });
    }

    @Test
    void mailSentThroughOneNodeWakesImapIdleOnAnotherAndAFailedCommitGivesNo250() throws Exception {
        assumeTrue(this.database != null, "no PostgreSQL server to test on");
        String pooled = this.database.url.replace("r2dbc:postgresql:", "r2dbc:pool:postgresql:");
        node(pooled).withPropertyValues("twisted.services.smtp.enabled=true", "twisted.services.smtp.endpoint=tcp:0",
                "twisted.services.imap.enabled=true", "twisted.services.imap.endpoint=tcp:0",
                "twisted.services.imap.options.allow-login-without-tls=true").run(first -> {
                    node(this.database.url).withPropertyValues("twisted.services.imap.enabled=true",
                            "twisted.services.imap.endpoint=tcp:0", "twisted.services.pop3.enabled=true",
                            "twisted.services.pop3.endpoint=tcp:0",
                            "twisted.services.imap.options.allow-login-without-tls=true").run(second -> {
                                sendAndIdle(first, second);
                            });
                });
    }

    private void sendAndIdle(ApplicationContext first, ApplicationContext second) throws Exception {
        Store store = JakartaMail.connect("imap", port(second, "imap"), Duration.ofSeconds(20));
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertThat(inbox.getMessageCount()).isZero();
        JakartaMail.Idle idle = JakartaMail.idle(inbox);

        Session sending = JakartaMail.session("smtp", port(first, "smtp"));
        Transport.send(message(sending, "Across the cluster"));
        assertThat(idle.added(Duration.ofSeconds(20))).as("IDLE on the other node woke").isEqualTo(1);
        Message read = inbox.getMessage(1);
        assertThat(read.getSubject()).isEqualTo("Across the cluster");
        assertThat((String) read.getContent()).isEqualTo("Stored in PostgreSQL.\r\n");

        Map<String, Object> details = context(second);
        assertThat(details).containsEntry("type", "postgres");

        // a commit that fails: the client gets no 250, and nothing is stored
        this.database.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$");
        this.database.execute("CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON twisted_mail_messages"
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse()");
        assertThatExceptionOfType(SMTPSendFailedException.class)
                .isThrownBy(() -> Transport.send(message(sending, "Never acknowledged")))
                .satisfies(ex -> assertThat(ex.getReturnCode()).isEqualTo(451));
        this.database.execute("DROP TRIGGER refuse_at_commit ON twisted_mail_messages");
        assertThat(this.database.queryLong("SELECT count(*) FROM twisted_mail_messages")).isEqualTo(1);
        inbox.close(false);
        store.close();

        // POP3 on the second node reads what SMTP on the first stored
        Store maildrop = JakartaMail.connect("pop3", port(second, "pop3"), Duration.ofSeconds(20));
        Folder popInbox = maildrop.getFolder("INBOX");
        popInbox.open(Folder.READ_ONLY);
        assertThat(popInbox.getMessageCount()).isEqualTo(1);
        assertThat(popInbox.getMessage(1).getSubject()).isEqualTo("Across the cluster");
        assertThat((String) popInbox.getMessage(1).getContent()).isEqualTo("Stored in PostgreSQL.\r\n");
        popInbox.close(false);
        maildrop.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(ApplicationContext context) {
        return (Map<String, Object>) context.getBean(TwistedServices.class).get("imap").orElseThrow().service()
                .getMonitor().details().get("store");
    }

    private static MimeMessage message(Session session, String subject) throws MessagingException {
        return JakartaMail.message(session, subject, "Stored in PostgreSQL.\n");
    }
}
