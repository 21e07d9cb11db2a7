package twisted.conch.tap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The administrative shell's options, under {@code twisted.services.manhole.options}; its SSH
 * server takes the same options as the {@code ssh} service's.
 *
 * @param hostKeyDirectory where the host key is kept, {@code .twisted/ssh} under the working
 *        directory unless set
 * @param passwordLogins whether administrators may log in with their password, true unless set
 * @param publicKeyLogins whether administrators may log in with a public key, true unless set
 * @param keyboardInteractiveLogins whether {@code keyboard-interactive} is offered, false unless set
 * @param loginTimeout how long a client has to log in, 30s unless set
 * @param idleTimeout how long a connection may stay silent, 10m unless set
 * @param maxLoginAttempts failed attempts before the connection is closed, 6 unless set
 * @param maxSessionsPerConnection sessions one connection may open at once, 10 unless set
 * @param authorizedKeys administrators' public keys, as {@code authorized_keys} lines by username
 * @param authorizedKeysFile each user's {@code authorized_keys} file, {@code %u} standing for the username
 * @param role the role a user needs ({@code ADMIN} unless set: Spring Security's {@code ROLE_ADMIN})
 * @param evaluationTimeout how long one snippet may run before it is stopped, 1m unless set
 * @since 0.1.0
 */
public record ManholeOptions(@Nullable Path hostKeyDirectory, @Nullable Boolean passwordLogins,
        @Nullable Boolean publicKeyLogins, @Nullable Boolean keyboardInteractiveLogins, @Nullable Duration loginTimeout,
        @Nullable Duration idleTimeout, @Nullable Integer maxLoginAttempts, @Nullable Integer maxSessionsPerConnection,
        @Nullable Map<String, List<String>> authorizedKeys, @Nullable String authorizedKeysFile, @Nullable String role,
        @Nullable Duration evaluationTimeout) implements SSHServerOptions {
}
