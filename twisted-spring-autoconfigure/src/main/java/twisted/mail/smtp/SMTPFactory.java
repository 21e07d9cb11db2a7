package twisted.mail.smtp;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.TlsOptions;
import twisted.time.ReactorTime;

/**
 * Builds one {@link ESMTP} per connection.
 *
 * <pre>{@code
 * SMTPFactory factory = new SMTPFactory(SMTPSettings.defaults().withHostname("mx.example.com"), reactor,
 *         new LocalDelivery(store, Set.of("example.com"), "mx.example.com", reactor), portal, null, tls);
 * reactor.listenTCP(25, factory);
 * }</pre>
 *
 * Twisted: {@code twisted.mail.smtp.SMTPFactory(portal)} (its {@code domain}, {@code timeout}
 * and {@code contextFactory}).
 *
 * @since 0.1.0
 */
public class SMTPFactory extends Factory {

    private final SMTPSettings settings;

    private final ReactorTime clock;

    private final MessageDelivery delivery;

    private final @Nullable Portal portal;

    private final @Nullable LoginThrottle throttle;

    private final @Nullable TlsOptions tls;

    /**
     * Creates the factory.
     *
     * @param settings limits and the host name
     * @param clock the reactor's clock, for the idle timeout
     * @param delivery checks senders and recipients and stores messages (anonymous and, unless
     *        the avatar is itself a {@link MessageDelivery}, authenticated clients)
     * @param portal where AUTH logins are checked, or {@code null} for no AUTH
     * @param throttle slows down repeated failed logins from one address, or {@code null}
     * @param tls the server's TLS options, or {@code null} for no STARTTLS
     */
    public SMTPFactory(SMTPSettings settings, ReactorTime clock, MessageDelivery delivery, @Nullable Portal portal,
            @Nullable LoginThrottle throttle, @Nullable TlsOptions tls) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.portal = portal;
        this.throttle = throttle;
        if (tls != null && tls.client()) {
            throw new IllegalArgumentException("the server needs server-mode TLS options");
        }
        this.tls = tls;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        ESMTP protocol = new ESMTP(this);
        protocol.setFactory(this);
        return protocol;
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    public SMTPSettings getSettings() {
        return this.settings;
    }

    ReactorTime clock() {
        return this.clock;
    }

    MessageDelivery delivery() {
        return this.delivery;
    }

    @Nullable Portal portal() {
        return this.portal;
    }

    @Nullable LoginThrottle throttle() {
        return this.throttle;
    }

    @Nullable TlsOptions tls() {
        return this.tls;
    }
}
