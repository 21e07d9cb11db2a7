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
import twisted.mail.FolderStore;
import twisted.mail.MailStore;
import twisted.mail.imap.IMAPFactory;
import twisted.mail.imap.IMAPFraming;
import twisted.mail.imap.IMAPSettings;

/**
 * The {@code imap} service: an IMAP4rev1 server (RFC 3501) on the application's store (Maildir by
 * default, whose folders, flags and UIDs Dovecot would read the same), Twisted's
 * {@code twistd mail --imap}. Switched on with {@code twisted.services.imap.enabled=true};
 * {@code tcp:8143} unless {@code twisted.services.imap.endpoint} says otherwise; its
 * {@link IMAPOptions} under {@code twisted.services.imap.options}. Users log in through the
 * application's {@link Portal} (Spring Security's users), each to the folders of their name; the
 * INBOX is the mailbox SMTP delivers to and POP3 reads. The sessions of one folder share its
 * state on the reactor thread, so the service refuses to start on a reactor with several event
 * loops ({@code twisted.reactor.threads}).
 *
 * @since 0.1.0
 */
public final class IMAPServiceMaker implements ServiceMaker<IMAPOptions> {

    private final MailConfiguration mail;

    /**
     * Creates the maker.
     *
     * @param mail the store, portal and TLS the mail services share
     */
    public IMAPServiceMaker(MailConfiguration mail) {
        this.mail = mail;
    }

    @Override
    public String getName() {
        return "imap";
    }

    @Override
    public String getDescription() {
        return "IMAP4rev1 server (twistd mail): the store's folders, flags and UIDs, logins through the portal";
    }

    @Override
    public Class<IMAPOptions> getOptionsType() {
        return IMAPOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:8143";
    }

    /**
     * None: the IMAP server ends a session silent for its own {@code options.idle-timeout} (30
     * minutes at least, RFC 3501 section 5.4) with {@code * BYE}. A client in {@code IDLE} sends
     * nothing until it re-issues the command, every 29 minutes (RFC 2177), so the service's
     * generic 10 minutes would cut it off first, without a word.
     *
     * @return {@code null}
     */
    @Override
    public @Nullable Duration getDefaultIdleTimeout() {
        return null;
    }

    @Override
    public Service makeService(ServiceMakerContext context, IMAPOptions options) {
        Portal portal = this.mail.portal().get();
        if (portal == null) {
            throw new IllegalStateException("The imap service needs a twisted.cred Portal to log users in: add "
                    + "spring-security-core and users (twisted.cred.users.*, or a UserDetailsService bean)");
        }
        int threads = context.reactor().getStatistics().threads();
        if (threads > 1) {
            throw new IllegalStateException("The imap service keeps each folder's sessions on one event loop, but "
                    + "twisted.reactor.threads is " + threads + ": remove twisted.reactor.threads, or set it to 1");
        }
        MailStore store = this.mail.store().get();
        if (!(store instanceof FolderStore folders)) {
            throw new IllegalStateException("The imap service needs a store with folders (a twisted.mail.FolderStore, "
                    + "as the Maildir store is), but the MailStore bean is a " + store.getClass().getName());
        }
        IMAPSettings defaults = IMAPSettings.defaults();
        IMAPFraming.Limits limits = defaults.limits();
        long literal = (options.maxLiteralSize() != null) ? options.maxLiteralSize().toBytes() : limits.maxLiteralSize();
        int line = (options.maxLineLength() != null) ? Math.toIntExact(options.maxLineLength().toBytes())
                : limits.maxLineLength();
        IMAPSettings settings = new IMAPSettings(this.mail.hostname(),
                (options.idleTimeout() != null) ? options.idleTimeout() : defaults.idleTimeout(),
                (options.maxBadCommands() != null) ? options.maxBadCommands() : defaults.maxBadCommands(),
                new IMAPFraming.Limits(line, literal, Math.max(limits.maxCommandSize(), literal + line),
                        limits.maxLiterals()),
                Boolean.TRUE.equals(options.allowLoginWithoutTls()),
                this.mail.tls(options.sslBundle(), "twisted.services.imap.options.ssl-bundle"),
                (options.maxSessionsPerUser() != null) ? options.maxSessionsPerUser() : defaults.maxSessionsPerUser());
        IMAPFactory factory = new IMAPFactory(folders, portal, context.reactor()).settings(settings)
                .throttle(this.mail.throttle().get());
        factory.setNoisy(false);
        return context.listen(factory, new ServiceMonitor() {
            @Override
            public Map<String, Object> details() {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sessions", factory.loggedInSessions());
                details.put("users", factory.loggedInUsers());
                details.put("store", StoreDetails.of(store));
                return details;
            }

            @Override
            public List<ServiceMeter> meters() {
                return List.of(ServiceMeter.gauge("twisted.mail.imap.sessions", "IMAP sessions logged in",
                        factory::loggedInSessions));
            }
        });
    }
}
