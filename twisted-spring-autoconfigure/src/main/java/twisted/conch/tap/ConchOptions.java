package twisted.conch.tap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The SSH server's options, under {@code twisted.services.ssh.options}.
 *
 * @param hostKeyDirectory where the host key is kept (generated there on first start, readable by
 *        its owner only), {@code .twisted/ssh} under the working directory unless set
 * @param passwordLogins whether users may log in with their password, true unless set
 * @param publicKeyLogins whether users may log in with a public key, true unless set
 * @param keyboardInteractiveLogins whether {@code keyboard-interactive} (a password prompt) is
 *        offered, false unless set
 * @param loginTimeout how long a client has to log in, 30s unless set
 * @param idleTimeout how long a connection may stay silent, 10m unless set
 * @param maxLoginAttempts failed attempts before the connection is closed, 6 unless set
 * @param maxSessionsPerConnection sessions one connection may open at once, 10 unless set
 * @param authorizedKeys users' public keys, as {@code authorized_keys} lines by username
 * @param authorizedKeysFile each user's {@code authorized_keys} file, {@code %u} standing for the
 *        username ({@code /srv/ssh/%u/authorized_keys})
 * @param environment the environment variables a client may set (a name, or a prefix ending in
 *        {@code *}); {@code LANG} and {@code LC_*} unless set
 * @param prompt the shell's prompt, none unless set
 * @since 0.1.0
 */
public record ConchOptions(@Nullable Path hostKeyDirectory, @Nullable Boolean passwordLogins,
        @Nullable Boolean publicKeyLogins, @Nullable Boolean keyboardInteractiveLogins, @Nullable Duration loginTimeout,
        @Nullable Duration idleTimeout, @Nullable Integer maxLoginAttempts, @Nullable Integer maxSessionsPerConnection,
        @Nullable Map<String, List<String>> authorizedKeys, @Nullable String authorizedKeysFile,
        @Nullable List<String> environment, @Nullable String prompt) implements SSHServerOptions {
}
