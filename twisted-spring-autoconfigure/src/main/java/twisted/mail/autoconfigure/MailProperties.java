package twisted.mail.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import twisted.cred.Redaction;
import twisted.mail.smtp.SMTPClientOptions.TlsMode;

/**
 * Where mail goes, for every mail service: {@code twisted.mail.*}.
 *
 * @param maildir Directory holding one Maildir per mailbox (a directory per user, with new, cur
 *        and tmp in it), relative to the working directory unless absolute.
 * @param hostname Host name of the mail servers, in their greetings and Received headers.
 * @param domains Domains whose mail is delivered locally; mail for other domains is refused (no
 *        relaying).
 * @param mailboxes Mailboxes created at start-up, besides postmaster and one for each user under
 *        twisted.cred.users; mail to a mailbox that does not exist is refused with 550.
 * @param smarthost Server the application's own mail goes out through (the SMTPSender bean).
 * @param store Where mail is kept: maildir (files under twisted.mail.maildir, one node) or postgres
 *        (PostgreSQL under twisted.mail.postgres, shared by every node).
 * @param postgres The PostgreSQL store, used when twisted.mail.store is postgres.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.mail")
public record MailProperties(@DefaultValue("maildir") Path maildir, @DefaultValue("localhost") String hostname,
        @DefaultValue("localhost") List<String> domains, @DefaultValue List<String> mailboxes,
        @DefaultValue Smarthost smarthost, @DefaultValue("maildir") StoreType store, @DefaultValue Postgres postgres) {

    /** The stores to choose from. */
    public enum StoreType {
        /** One Maildir per mailbox under twisted.mail.maildir. */
        MAILDIR,
        /** PostgreSQL, through R2DBC. */
        POSTGRES
    }

    /**
     * The PostgreSQL store. Its connections come from the application's R2DBC ConnectionFactory
     * (spring.r2dbc.*) unless a URL is set here; its tables are made by Flyway over JDBC, with a
     * history table of their own.
     *
     * @param url R2DBC URL of the store's database, such as r2dbc:postgresql://db:5432/mail
     *        (r2dbc:pool:postgresql://... for a pool); unset to use the application's
     *        ConnectionFactory bean (spring.r2dbc.url).
     * @param username Login user; unset for the one in the URL, or spring.r2dbc.username when the
     *        application's ConnectionFactory is used.
     * @param password Login password; unset for the one in the URL, or spring.r2dbc.password when
     *        the application's ConnectionFactory is used.
     * @param jdbcUrl JDBC URL Flyway migrates the tables through; unset to derive it from the R2DBC
     *        URL (jdbc:postgresql://host:port/database).
     * @param schema Schema holding the store's tables, created if missing; unset for the user's
     *        default schema (the search path).
     * @param maxMessageSize Largest message the store keeps in one piece (held in memory while it
     *        is received); make it no smaller than the SMTP and IMAP size limits.
     */
    public record Postgres(@Nullable String url, @Nullable String username, @Nullable String password,
            @Nullable String jdbcUrl, @Nullable String schema, @DefaultValue("50MB") DataSize maxMessageSize) {

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Postgres[url=" + (this.url != null ? Redaction.withoutUserInfo(this.url) : null)
                    + ", username=" + this.username + ", password=" + ((this.password != null) ? "******" : null)
                    + ", jdbcUrl=" + this.jdbcUrl + ", schema=" + this.schema + ", maxMessageSize="
                    + this.maxMessageSize + "]";
        }
    }

    /**
     * The SMTP server (a relay or a submission server) the application sends through: with an
     * endpoint set, the starter makes an {@code SMTPSender} bean for it. There is no MX look-up:
     * every message goes to this server, which relays it on.
     *
     * @param endpoint Server to send through, as a client endpoint description, such as
     *        tcp:host=smtp.example.org:port=587 (STARTTLS) or tls:smtp.example.org:465; unset for no
     *        sender.
     * @param username Login for AUTH; unset to send without logging in.
     * @param password Password for AUTH, sent only over TLS.
     * @param tls When to switch to TLS with STARTTLS: require, if-offered or never; the server's
     *        certificate is always verified.
     * @param sslBundle Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust store
     *        verifies the server's certificate; unset for the JVM's trust store.
     * @param heloName Name given in EHLO; twisted.mail.hostname unless set.
     * @param timeout How long to wait for each reply of the server, twice that for the reply to the
     *        message itself (RFC 5321 asks for 5 and 10 minutes).
     */
    public record Smarthost(@Nullable String endpoint, @Nullable String username, @Nullable String password,
            @DefaultValue("if-offered") TlsMode tls, @Nullable String sslBundle, @Nullable String heloName,
            @DefaultValue("5m") Duration timeout) {

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Smarthost[endpoint=" + this.endpoint + ", username=" + this.username + ", password="
                    + ((this.password != null) ? "******" : null) + ", tls=" + this.tls + ", sslBundle="
                    + this.sslBundle + ", heloName=" + this.heloName + ", timeout=" + this.timeout + "]";
        }
    }
}
