package twisted.mail.smtp;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * How an {@link ESMTPClient} talks to its server: the name it gives in {@code EHLO}, TLS, the
 * credentials and the timeouts. Immutable; start from {@link #defaults()} and change with the
 * {@code with...} methods.
 *
 * <pre>{@code
 * SMTPClientOptions options = SMTPClientOptions.defaults()
 *         .withHeloName("app1.example.com")
 *         .withTls(TlsMode.REQUIRE)
 *         .withCredentials("app1", () -> secrets.password("smtp"));
 * }</pre>
 *
 * <p>Safer than Twisted's defaults: {@code STARTTLS} is used whenever offered, and the server's
 * certificate is verified against its host name (the JVM's trust store unless {@link #sslContext()}
 * is given); credentials are sent only over TLS unless {@link #allowPlaintextAuth()}. The password
 * is asked from its supplier each time a login needs it, and never appears in
 * {@link #toString()}, logs or exception messages.
 *
 * <p>Twisted: the keyword arguments of {@code sendmail} and {@code ESMTPSenderFactory}
 * ({@code username}, {@code password}, {@code requireAuthentication}, {@code requireTransportSecurity},
 * {@code contextFactory}, {@code timeout}).
 *
 * @param heloName the name given in {@code EHLO}/{@code HELO}: this host's domain name
 * @param tls when to use {@code STARTTLS}
 * @param sslContext whom to trust (and a client key, if any); {@code null} for the JVM's default
 * @param tlsHostname the name the server's certificate must carry; {@code null} for the host of the endpoint
 * @param username the login for {@code AUTH}; {@code null} for none
 * @param password gives the password when a login needs it; {@code null} exactly when {@code username} is
 * @param requireAuthentication whether to fail ({@link AUTHRequiredError}) rather than send without logging in
 * @param allowPlaintextAuth whether credentials may be sent on a connection without TLS
 * @param replyTimeout how long to wait for each reply, and for the server to read each part of the message
 *        (RFC 5321 section 4.5.3.2 asks for 5 minutes)
 * @param dataTimeout how long to wait for the reply after the end of the message (RFC 5321: 10 minutes)
 * @param connectTimeout how long the connection may take to be made
 * @since 0.1.0
 */
public record SMTPClientOptions(String heloName, TlsMode tls, @Nullable SSLContext sslContext,
        @Nullable String tlsHostname, @Nullable String username, @Nullable Supplier<char[]> password,
        boolean requireAuthentication, boolean allowPlaintextAuth, Duration replyTimeout, Duration dataTimeout,
        Duration connectTimeout) {

    /**
     * When the client switches to TLS with {@code STARTTLS} (RFC 3207).
     */
    public enum TlsMode {

        /** Always: a server that does not offer it (or refuses it) fails the send with {@link TLSRequiredError}. */
        REQUIRE,

        /**
         * Whenever the server offers it (the default). A server that offers it and then fails the
         * handshake fails the send: it never falls back to plain text.
         */
        IF_OFFERED,

        /** Never: the whole session is in plain text. Only for closed networks and tests. */
        NEVER
    }

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when a name holds spaces or control characters, a timeout is
     *         not positive, only one of username and password is given, or authentication is
     *         required without credentials
     */
    public SMTPClientOptions {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Objects.requireNonNull(dataTimeout, "dataTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (heloName.isEmpty() || !heloName.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("heloName must be printable ASCII without spaces");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password go together");
        }
        if (username != null && (username.isEmpty() || username.chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n'))) {
            throw new IllegalArgumentException("username must be non-empty, without NUL, CR or LF");
        }
        if (requireAuthentication && username == null) {
            throw new IllegalArgumentException("requireAuthentication needs a username and password");
        }
        for (Duration d : new Duration[] { replyTimeout, dataTimeout, connectTimeout }) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + d);
            }
        }
    }

    /**
     * The defaults: {@code EHLO localhost}, {@link TlsMode#IF_OFFERED} with the JVM's trust store
     * and host name verification, no login, replies within 5 minutes, 10 minutes after the message,
     * a connection within 30 seconds.
     *
     * @return the defaults
     */
    public static SMTPClientOptions defaults() {
        return new SMTPClientOptions("localhost", TlsMode.IF_OFFERED, null, null, null, null, false, false,
                Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    /**
     * These options with another {@code EHLO} name.
     *
     * @param name this host's domain name
     * @return new options
     */
    public SMTPClientOptions withHeloName(String name) {
        return new SMTPClientOptions(name, this.tls, this.sslContext, this.tlsHostname, this.username, this.password,
                this.requireAuthentication, this.allowPlaintextAuth, this.replyTimeout, this.dataTimeout,
                this.connectTimeout);
    }

    /**
     * These options with another TLS mode.
     *
     * @param mode when to use {@code STARTTLS}
     * @return new options
     */
    public SMTPClientOptions withTls(TlsMode mode) {
        return new SMTPClientOptions(this.heloName, mode, this.sslContext, this.tlsHostname, this.username,
                this.password, this.requireAuthentication, this.allowPlaintextAuth, this.replyTimeout,
                this.dataTimeout, this.connectTimeout);
    }

    /**
     * These options trusting what {@code context} trusts (a private CA, say) instead of the JVM's
     * trust store. The host name is still verified.
     *
     * @param context the TLS context; {@code null} for the JVM's default
     * @return new options
     */
    public SMTPClientOptions withSslContext(@Nullable SSLContext context) {
        return new SMTPClientOptions(this.heloName, this.tls, context, this.tlsHostname, this.username,
                this.password, this.requireAuthentication, this.allowPlaintextAuth, this.replyTimeout,
                this.dataTimeout, this.connectTimeout);
    }

    /**
     * These options checking the server's certificate against {@code hostname} rather than the
     * endpoint's host (when connecting to an address, say).
     *
     * @param hostname the name the certificate must carry; {@code null} for the endpoint's host
     * @return new options
     */
    public SMTPClientOptions withTlsHostname(@Nullable String hostname) {
        return new SMTPClientOptions(this.heloName, this.tls, this.sslContext, hostname, this.username,
                this.password, this.requireAuthentication, this.allowPlaintextAuth, this.replyTimeout,
                this.dataTimeout, this.connectTimeout);
    }

    /**
     * These options logging in with {@code AUTH PLAIN} (or {@code LOGIN}) when the server offers it.
     *
     * @param user the login
     * @param password gives the password each time a login needs it (the caller may wipe the array after use)
     * @return new options
     */
    public SMTPClientOptions withCredentials(String user, Supplier<char[]> password) {
        return new SMTPClientOptions(this.heloName, this.tls, this.sslContext, this.tlsHostname,
                Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"),
                this.requireAuthentication, this.allowPlaintextAuth, this.replyTimeout, this.dataTimeout,
                this.connectTimeout);
    }

    /**
     * These options logging in with this password. The array is copied; the caller may wipe its own.
     *
     * @param user the login
     * @param password the password
     * @return new options
     */
    public SMTPClientOptions withCredentials(String user, char[] password) {
        char[] copy = password.clone();
        return withCredentials(user, copy::clone);
    }

    /**
     * These options failing with {@link AUTHRequiredError} when the server offers no login this
     * client can use, instead of sending without one.
     *
     * @param required whether a login is required
     * @return new options
     */
    public SMTPClientOptions withRequireAuthentication(boolean required) {
        return new SMTPClientOptions(this.heloName, this.tls, this.sslContext, this.tlsHostname, this.username,
                this.password, required, this.allowPlaintextAuth, this.replyTimeout, this.dataTimeout,
                this.connectTimeout);
    }

    /**
     * These options allowing credentials on a connection without TLS. Anyone on the path can read
     * them then: only for loopback and closed networks.
     *
     * @param allowed whether a login may happen in plain text
     * @return new options
     */
    public SMTPClientOptions withAllowPlaintextAuth(boolean allowed) {
        return new SMTPClientOptions(this.heloName, this.tls, this.sslContext, this.tlsHostname, this.username,
                this.password, this.requireAuthentication, allowed, this.replyTimeout, this.dataTimeout,
                this.connectTimeout);
    }

    /**
     * These options with other timeouts.
     *
     * @param reply for each reply, and for each part of the message to be read
     * @param data for the reply after the end of the message
     * @param connect for the connection
     * @return new options
     */
    public SMTPClientOptions withTimeouts(Duration reply, Duration data, Duration connect) {
        return new SMTPClientOptions(this.heloName, this.tls, this.sslContext, this.tlsHostname, this.username,
                this.password, this.requireAuthentication, this.allowPlaintextAuth, reply, data, connect);
    }

    /** The options, without the password. */
    @Override
    public String toString() {
        return "SMTPClientOptions[heloName=" + this.heloName + ", tls=" + this.tls + ", sslContext="
                + ((this.sslContext != null) ? "custom" : "default") + ", tlsHostname=" + this.tlsHostname
                + ", username=" + this.username + ", password=" + ((this.password != null) ? "[hidden]" : "null")
                + ", requireAuthentication=" + this.requireAuthentication + ", allowPlaintextAuth="
                + this.allowPlaintextAuth + ", replyTimeout=" + this.replyTimeout + ", dataTimeout="
                + this.dataTimeout + ", connectTimeout=" + this.connectTimeout + "]";
    }
}
