package twisted.mail.autoconfigure;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.autoconfigure.CredProperties;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.mail.MailStore;
import twisted.mail.maildir.MaildirStore;
import twisted.mail.smtp.SMTPClientOptions;
import twisted.mail.smtp.SMTPSender;
import twisted.mail.tap.IMAPServiceMaker;
import twisted.mail.tap.MailConfiguration;
import twisted.mail.tap.POP3ServiceMaker;
import twisted.mail.tap.SMTPServiceMaker;

/**
 * The mail services' wiring: a {@link MailStore} (a {@link MaildirStore} under
 * {@code twisted.mail.maildir}, or with {@code twisted.mail.store=postgres} the PostgreSQL store of
 * {@link PostgresMailStoreConfiguration}, built only when a mail service runs, with a mailbox for
 * {@code postmaster}, each of {@code twisted.mail.mailboxes} and each user of
 * {@code twisted.cred.users}) and the {@code smtp}, {@code pop3} and {@code imap} makers, with
 * the application's portal, login throttle and SSL bundles, so that
 * {@code twisted.services.smtp.enabled=true} is all it takes; and, with
 * {@code twisted.mail.smarthost.endpoint} set, an {@link SMTPSender} the application sends its own
 * mail with. Each bean backs off when the application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { TwistedReactorAutoConfiguration.class, TwistedCredAutoConfiguration.class },
        beforeName = "twisted.application.autoconfigure.TwistedServicesAutoConfiguration")
@ConditionalOnBean(Reactor.class)
@EnableConfigurationProperties(MailProperties.class)
@Import({ PostgresMailStoreConfiguration.class, PostgresMailStoreConfiguration.Missing.class })
public final class TwistedMailAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "twisted.mail.store", havingValue = "maildir", matchIfMissing = true)
    MailStore twistedMailStore(MailProperties properties, Reactor reactor, ObjectProvider<CredProperties> cred)
            throws IOException {
        MaildirStore store = new MaildirStore(properties.maildir().toAbsolutePath(), reactor);
        for (String mailbox : initialMailboxes(properties, cred)) {
            store.createMailbox(mailbox);
        }
        return store;
    }

    /** The mailboxes made at start-up: postmaster, twisted.mail.mailboxes and the users of twisted.cred.users. */
    static Set<String> initialMailboxes(MailProperties properties, ObjectProvider<CredProperties> cred) {
        Set<String> mailboxes = new LinkedHashSet<>(properties.mailboxes());
        mailboxes.add("postmaster");
        CredProperties users = cred.getIfAvailable();
        if (users != null) {
            mailboxes.addAll(users.users().keySet());
        }
        return mailboxes;
    }

    @Bean
    @ConditionalOnMissingBean
    MailConfiguration twistedMailConfiguration(MailProperties properties, ObjectProvider<MailStore> store,
            ObjectProvider<Portal> portal, ObjectProvider<LoginThrottle> throttle, ObjectProvider<SslBundles> bundles) {
        SslBundles ssl = bundles.getIfAvailable();
        return new MailConfiguration(properties.hostname(), new LinkedHashSet<>(properties.domains()), store::getObject,
                portal::getIfUnique, throttle::getIfUnique,
                (ssl != null) ? name -> ssl.getBundle(name).createSslContext() : null);
    }

    /**
     * The application's way to send mail, through {@code twisted.mail.smarthost.endpoint}. The
     * password is read from the properties each time a login needs it.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("twisted.mail.smarthost.endpoint")
    SMTPSender twistedSmtpSender(Reactor reactor, MailProperties properties, ObjectProvider<SslBundles> bundles) {
        MailProperties.Smarthost smarthost = properties.smarthost();
        SMTPClientOptions defaults = SMTPClientOptions.defaults();
        SMTPClientOptions options = defaults
                .withHeloName((smarthost.heloName() != null) ? smarthost.heloName() : properties.hostname())
                .withTls(smarthost.tls())
                .withTimeouts(smarthost.timeout(), smarthost.timeout().multipliedBy(2), defaults.connectTimeout());
        if (smarthost.sslBundle() != null) {
            SslBundles ssl = bundles.getIfAvailable();
            if (ssl == null) {
                throw new IllegalStateException("twisted.mail.smarthost.ssl-bundle names the SSL bundle '"
                        + smarthost.sslBundle() + "' but there are no spring.ssl.bundle.* bundles");
            }
            options = options.withSslContext(ssl.getBundle(smarthost.sslBundle()).createSslContext());
        }
        if (smarthost.username() != null) {
            String password = smarthost.password();
            if (password == null) {
                throw new IllegalStateException("twisted.mail.smarthost.username is set but not its password");
            }
            options = options.withCredentials(smarthost.username(), password::toCharArray);
        }
        return new SMTPSender(reactor, Objects.requireNonNull(smarthost.endpoint()), options);
    }

    @Bean
    @ConditionalOnMissingBean
    SMTPServiceMaker smtpServiceMaker(MailConfiguration mail) {
        return new SMTPServiceMaker(mail);
    }

    @Bean
    @ConditionalOnMissingBean
    IMAPServiceMaker imapServiceMaker(MailConfiguration mail) {
        return new IMAPServiceMaker(mail);
    }

    @Bean
    @ConditionalOnMissingBean
    POP3ServiceMaker pop3ServiceMaker(MailConfiguration mail) {
        return new POP3ServiceMaker(mail);
    }
}
