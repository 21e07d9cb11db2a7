package twisted.mail.tap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.application.service.ServiceMeter;
import twisted.application.service.ServiceMonitor;
import twisted.cred.Portal;
import twisted.internet.TlsOptions;
import twisted.mail.MailStore;
import twisted.mail.smtp.LocalDelivery;
import twisted.mail.smtp.SMTPFactory;
import twisted.mail.smtp.SMTPSettings;

/**
 * The {@code smtp} service: an ESMTP server that delivers to the application's {@link MailStore}
 * (Maildir by default) for the local domains, Twisted's {@code twistd mail --smtp}. Switched on
 * with {@code twisted.services.smtp.enabled=true}; {@code tcp:8025} unless
 * {@code twisted.services.smtp.endpoint} says otherwise; its {@link SMTPOptions} under
 * {@code twisted.services.smtp.options}, the store and domains under {@code twisted.mail}. AUTH
 * logins go through the application's {@link Portal}. Actuator shows what it accepted, rejected
 * and delivered, and the store's mailboxes; Micrometer has {@code twisted.mail.messages.*}.
 *
 * @since 0.1.0
 */
public final class SMTPServiceMaker implements ServiceMaker<SMTPOptions> {

    private final MailConfiguration mail;

    /**
     * Creates the maker.
     *
     * @param mail the store, domains, portal and TLS the mail services share
     */
    public SMTPServiceMaker(MailConfiguration mail) {
        this.mail = mail;
    }

    @Override
    public String getName() {
        return "smtp";
    }

    @Override
    public String getDescription() {
        return "ESMTP server (twistd mail): delivers to the local domains' mailboxes, AUTH through the portal";
    }

    @Override
    public Class<SMTPOptions> getOptionsType() {
        return SMTPOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:8025";
    }

    /**
     * None: the SMTP server answers a client silent for its own {@code options.idle-timeout} (5
     * minutes, RFC 5321 section 4.5.3.2.7) with {@code 421 4.4.2}, and does not count the time the
     * client waits for the reply to its message, which RFC 5321 (section 4.5.3.2.6) lets last 10
     * minutes and the generic timeout would count.
     *
     * @return {@code null}
     */
    @Override
    public @Nullable Duration getDefaultIdleTimeout() {
        return null;
    }

    @Override
    public Service makeService(ServiceMakerContext context, SMTPOptions options) {
        SMTPSettings defaults = SMTPSettings.defaults();
        SMTPSettings settings = new SMTPSettings(this.mail.hostname(),
                (options.maxMessageSize() != null) ? options.maxMessageSize().toBytes() : defaults.maxMessageSize(),
                (options.maxRecipients() != null) ? options.maxRecipients() : defaults.maxRecipients(),
                defaults.maxLineLength(), defaults.maxDataLineLength(),
                (options.maxBadCommands() != null) ? options.maxBadCommands() : defaults.maxBadCommands(),
                (options.idleTimeout() != null) ? options.idleTimeout() : defaults.idleTimeout(),
                Boolean.TRUE.equals(options.allowAuthWithoutTls()));
        MailStore store = this.mail.store().get();
        CountingDelivery delivery = new CountingDelivery(
                new LocalDelivery(store, this.mail.domains(), this.mail.hostname(), context.reactor()));
        Portal portal = this.mail.portal().get();
        TlsOptions tls = this.mail.tls(options.sslBundle(), "twisted.services.smtp.options.ssl-bundle");
        SMTPFactory factory = new SMTPFactory(settings, context.reactor(), delivery, portal,
                (portal != null) ? this.mail.throttle().get() : null, tls);
        factory.setNoisy(false);
        return context.listen(factory, new ServiceMonitor() {
            @Override
            public Map<String, Object> details() {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("recipientsAccepted", delivery.accepted.get());
                details.put("recipientsRejected", delivery.rejected.get());
                details.put("messagesDelivered", delivery.delivered.get());
                details.put("messagesFailed", delivery.failed.get());
                details.put("domains", List.copyOf(SMTPServiceMaker.this.mail.domains()));
                details.put("store", StoreDetails.of(store));
                return details;
            }

            @Override
            public List<ServiceMeter> meters() {
                return List.of(
                        ServiceMeter.counter("twisted.mail.messages.accepted", "Recipients accepted by RCPT",
                                delivery.accepted::get),
                        ServiceMeter.counter("twisted.mail.messages.rejected", "Recipients rejected by RCPT",
                                delivery.rejected::get),
                        ServiceMeter.counter("twisted.mail.messages.delivered",
                                "Messages stored durably (one per recipient)", delivery.delivered::get));
            }
        });
    }
}
