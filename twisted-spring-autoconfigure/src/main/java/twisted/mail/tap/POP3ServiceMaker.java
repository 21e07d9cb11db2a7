package twisted.mail.tap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.application.service.ServiceMonitor;
import twisted.cred.Portal;
import twisted.mail.MailStore;
import twisted.mail.pop3.POP3Factory;
import twisted.mail.pop3.POP3Settings;

/**
 * The {@code pop3} service: a POP3 server (RFC 1939) on the application's {@link MailStore}
 * (Maildir by default), Twisted's {@code twistd mail --pop3}. Switched on with
 * {@code twisted.services.pop3.enabled=true}; {@code tcp:8110} unless
 * {@code twisted.services.pop3.endpoint} says otherwise; its {@link POP3Options} under
 * {@code twisted.services.pop3.options}. Users log in through the application's {@link Portal}
 * (Spring Security's users), each to the mailbox of their name; deletions happen only after
 * {@code QUIT}. Actuator shows the store's mailboxes and messages.
 *
 * @since 0.1.0
 */
public final class POP3ServiceMaker implements ServiceMaker<POP3Options> {

    private final MailConfiguration mail;

    /**
     * Creates the maker.
     *
     * @param mail the store, portal and TLS the mail services share
     */
    public POP3ServiceMaker(MailConfiguration mail) {
        this.mail = mail;
    }

    @Override
    public String getName() {
        return "pop3";
    }

    @Override
    public String getDescription() {
        return "POP3 server (twistd mail): the store's mailboxes, logins through the portal, deletions only after QUIT";
    }

    @Override
    public Class<POP3Options> getOptionsType() {
        return POP3Options.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:8110";
    }

    /**
     * None: the POP3 server ends a session silent for its own {@code options.idle-timeout} (10
     * minutes at least, RFC 1939 section 3) with {@code -ERR}, counts a message being sent as
     * activity, and does not count the time the client waits for the maildrop's update after
     * {@code QUIT}. The generic 10 minutes would race it and close first, without the
     * {@code -ERR}, and would cut a longer timeout set in the options.
     *
     * @return {@code null}
     */
    @Override
    public @Nullable Duration getDefaultIdleTimeout() {
        return null;
    }

    @Override
    public Service makeService(ServiceMakerContext context, POP3Options options) {
        Portal portal = this.mail.portal().get();
        if (portal == null) {
            throw new IllegalStateException("The pop3 service needs a twisted.cred Portal to log users in: add "
                    + "spring-security-core and users (twisted.cred.users.*, or a UserDetailsService bean)");
        }
        POP3Settings defaults = POP3Settings.defaults();
        POP3Settings settings = new POP3Settings(this.mail.hostname(), defaults.implementation(),
                (options.idleTimeout() != null) ? options.idleTimeout() : defaults.idleTimeout(),
                defaults.maxLineLength(),
                (options.maxBadCommands() != null) ? options.maxBadCommands() : defaults.maxBadCommands(),
                defaults.chunkSize(), Boolean.TRUE.equals(options.requireTlsForLogin()));
        MailStore store = this.mail.store().get();
        POP3Factory factory = new POP3Factory(store, portal, context.reactor()).settings(settings)
                .throttle(this.mail.throttle().get())
                .tls(this.mail.tls(options.sslBundle(), "twisted.services.pop3.options.ssl-bundle"));
        factory.setNoisy(false);
        return context.listen(factory, new ServiceMonitor() {
            @Override
            public Map<String, Object> details() {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("store", StoreDetails.of(store));
                return details;
            }
        });
    }
}
