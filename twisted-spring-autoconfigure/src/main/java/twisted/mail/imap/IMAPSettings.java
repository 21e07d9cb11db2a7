package twisted.mail.imap;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.internet.TlsOptions;

/**
 * The limits and policies of an {@link IMAP4Server}: one value shared by every connection of an
 * {@link IMAPFactory}. Twisted keeps these as attributes of {@code IMAP4Server} ({@code timeOut},
 * {@code POSTAUTH_TIMEOUT}); here they are validated once, before the server binds.
 *
 * @param hostname the name in the greeting; printable ASCII without spaces
 * @param idleTimeout how long a connection may be silent before {@code * BYE} and close; at least
 *        30 minutes, as RFC 3501 section 5.4 requires of an autologout timer
 * @param maxBadCommands how many {@code BAD} replies a connection gets; one more is answered with
 *        {@code * BYE} and the connection is closed
 * @param limits the framing's limits (command length, literal size)
 * @param allowLoginWithoutTls whether {@code LOGIN} and {@code AUTHENTICATE PLAIN} are accepted on a
 *        connection that is not encrypted; when not, the server advertises {@code LOGINDISABLED}
 *        until {@code STARTTLS}
 * @param tls the server-side TLS options {@code STARTTLS} switches to, or {@code null} for no
 *        {@code STARTTLS}
 * @param maxSessionsPerUser how many sessions one user may have logged in at once; one more login
 *        gets {@code NO [LIMIT]} (Dovecot's {@code mail_max_userip_connections}, 10 by default)
 * @since 0.1.0
 */
public record IMAPSettings(String hostname, Duration idleTimeout, int maxBadCommands, IMAPFraming.Limits limits,
        boolean allowLoginWithoutTls, @Nullable TlsOptions tls, int maxSessionsPerUser) {

    /** The shortest idle timeout RFC 3501 allows. */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(30);

    /** Checks the values. */
    public IMAPSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(limits, "limits");
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException(
                    "idleTimeout (" + idleTimeout + ") must be at least " + MIN_IDLE_TIMEOUT + " (RFC 3501 5.4)");
        }
        if (maxSessionsPerUser < 1) {
            throw new IllegalArgumentException("maxSessionsPerUser (" + maxSessionsPerUser + ") must be at least 1");
        }
        if (maxBadCommands < 0) {
            throw new IllegalArgumentException("maxBadCommands (" + maxBadCommands + ") must not be negative");
        }
        if (hostname.isEmpty() || hostname.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("hostname must be printable ASCII without spaces: " + hostname);
        }
    }

    /**
     * The defaults: {@code localhost}, 30 minutes idle, 20 bad commands, the framing's default
     * limits, logins only over TLS, no {@code STARTTLS}, 10 sessions per user.
     *
     * @return the defaults
     */
    public static IMAPSettings defaults() {
        return new IMAPSettings("localhost", MIN_IDLE_TIMEOUT, 20, IMAPFraming.Limits.defaults(), false, null, 10);
    }

    /**
     * A copy with another host name.
     *
     * @param hostname the name
     * @return the copy
     */
    public IMAPSettings withHostname(String hostname) {
        return new IMAPSettings(hostname, this.idleTimeout, this.maxBadCommands, this.limits,
                this.allowLoginWithoutTls, this.tls, this.maxSessionsPerUser);
    }

    /**
     * A copy with another idle timeout.
     *
     * @param idleTimeout at least 30 minutes
     * @return the copy
     */
    public IMAPSettings withIdleTimeout(Duration idleTimeout) {
        return new IMAPSettings(this.hostname, idleTimeout, this.maxBadCommands, this.limits,
                this.allowLoginWithoutTls, this.tls, this.maxSessionsPerUser);
    }

    /**
     * A copy with another bad-command limit.
     *
     * @param maxBadCommands the limit
     * @return the copy
     */
    public IMAPSettings withMaxBadCommands(int maxBadCommands) {
        return new IMAPSettings(this.hostname, this.idleTimeout, maxBadCommands, this.limits,
                this.allowLoginWithoutTls, this.tls, this.maxSessionsPerUser);
    }

    /**
     * A copy with other framing limits.
     *
     * @param limits the limits
     * @return the copy
     */
    public IMAPSettings withLimits(IMAPFraming.Limits limits) {
        return new IMAPSettings(this.hostname, this.idleTimeout, this.maxBadCommands, limits,
                this.allowLoginWithoutTls, this.tls, this.maxSessionsPerUser);
    }

    /**
     * A copy that allows or refuses logins without TLS.
     *
     * @param allowLoginWithoutTls whether to allow them
     * @return the copy
     */
    public IMAPSettings withAllowLoginWithoutTls(boolean allowLoginWithoutTls) {
        return new IMAPSettings(this.hostname, this.idleTimeout, this.maxBadCommands, this.limits,
                allowLoginWithoutTls, this.tls, this.maxSessionsPerUser);
    }

    /**
     * A copy with other {@code STARTTLS} options.
     *
     * @param tls the server options, or {@code null} for no {@code STARTTLS}
     * @return the copy
     */
    public IMAPSettings withTls(@Nullable TlsOptions tls) {
        return new IMAPSettings(this.hostname, this.idleTimeout, this.maxBadCommands, this.limits,
                this.allowLoginWithoutTls, tls, this.maxSessionsPerUser);
    }

    /**
     * A copy with another bound on one user's sessions.
     *
     * @param maxSessionsPerUser at least 1
     * @return the copy
     */
    public IMAPSettings withMaxSessionsPerUser(int maxSessionsPerUser) {
        return new IMAPSettings(this.hostname, this.idleTimeout, this.maxBadCommands, this.limits,
                this.allowLoginWithoutTls, this.tls, maxSessionsPerUser);
    }
}
