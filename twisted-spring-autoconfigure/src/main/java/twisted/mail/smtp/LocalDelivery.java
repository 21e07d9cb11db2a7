package twisted.mail.smtp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import twisted.defer.Deferred;
import twisted.mail.MailStore;
import twisted.mail.MessageWriter;
import twisted.time.ReactorTime;

/**
 * The default {@link MessageDelivery}: any sender; recipients in the configured domains whose
 * local part is a mailbox of the {@link MailStore} ({@code store.exists(local)}), and
 * {@code <postmaster>} when the store has a {@code postmaster} mailbox. Other domains get
 * {@code 550 5.7.1} (no relaying), unknown users {@code 550 5.1.1}. Twisted: the domains of
 * {@code twisted.mail.mail.MailService} with {@code AbstractMaildirDomain.exists}.
 *
 * @since 0.1.0
 */
public class LocalDelivery implements MessageDelivery {

    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final MailStore store;

    private final Set<String> domains;

    private final String hostname;

    private final ReactorTime clock;

    /**
     * Creates the delivery.
     *
     * @param store where messages go
     * @param domains the domains accepted (compared without case)
     * @param hostname this server's name, for the Received header
     * @param clock gives the Received header's date
     */
    public LocalDelivery(MailStore store, Set<String> domains, String hostname, ReactorTime clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code Received: from NAME ([ADDRESS]) by HOST with ESMTP; DATE}, with {@code for <RCPT>}
     * when there is one recipient.
     */
    @Override
    public String receivedHeader(Helo helo, Address origin, List<User> recipients) {
        return receivedHeader(helo, this.hostname, "ESMTP", recipients, this.clock);
    }

    /**
     * Accepts every sender.
     */
    @Override
    public Deferred<Address> validateFrom(Helo helo, Address origin) {
        return Deferred.succeed(origin);
    }

    /**
     * Accepts local users of the configured domains.
     */
    @Override
    public Deferred<Supplier<MessageWriter>> validateTo(User user) {
        Address dest = user.dest();
        if (dest.domain().isEmpty()) {
            // <postmaster>, the only recipient without a domain (the Address record allows no other)
            return accept("postmaster", dest);
        }
        if (!this.domains.contains(dest.domainLowerCase())) {
            return Deferred.fail(new SMTPBadRcpt(550, "5.7.1", "Relay access denied"));
        }
        return accept(dest.local(), dest);
    }

    private Deferred<Supplier<MessageWriter>> accept(String mailbox, Address dest) {
        if (!this.store.exists(mailbox)) {
            return Deferred.fail(new SMTPBadRcpt(dest));
        }
        return Deferred.succeed(() -> this.store.newMessage(mailbox));
    }

    /**
     * Builds a Received header (RFC 5321 section 4.4).
     *
     * @param helo the client
     * @param hostname this server
     * @param protocol {@code ESMTP}, {@code ESMTPS}, {@code ESMTPA} or {@code ESMTPSA} (RFC 3848)
     * @param recipients the recipients; named only when there is one
     * @param clock the date's source
     * @return the header, folded with CR LF and a tab
     */
    public static String receivedHeader(Helo helo, String hostname, String protocol, List<User> recipients,
            ReactorTime clock) {
        StringBuilder header = new StringBuilder("Received: from ").append(printable(helo.name()))
                .append(" ([").append(helo.peerHost()).append("])\r\n\tby ").append(hostname)
                .append(" with ").append(protocol);
        if (recipients.size() == 1) {
            header.append("\r\n\tfor <").append(recipients.get(0).dest()).append('>');
        }
        Instant now = Instant.ofEpochMilli((long) (clock.seconds() * 1000));
        return header.append("; ").append(DATE.format(now)).toString();
    }

    /** The HELO name as it may appear in a header: printable ASCII only. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append((c > 0x20 && c < 0x7F) ? c : '?');
        }
        return out.toString();
    }
}
