package twisted.conch.tap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The options the {@code ssh} and {@code manhole} services share: where the host key lives, how
 * users log in, and the server's deadlines and limits. Unset values take {@link
 * twisted.conch.ssh.SSHSettings#defaults()}.
 */
interface SSHServerOptions {

    /** The directory of the host keys, {@code .twisted/ssh} under the working directory unless set. */
    @Nullable Path hostKeyDirectory();

    @Nullable Boolean passwordLogins();

    @Nullable Boolean publicKeyLogins();

    @Nullable Boolean keyboardInteractiveLogins();

    @Nullable Duration loginTimeout();

    @Nullable Duration idleTimeout();

    @Nullable Integer maxLoginAttempts();

    @Nullable Integer maxSessionsPerConnection();

    /** Users' public keys, as {@code authorized_keys} lines. */
    @Nullable Map<String, List<String>> authorizedKeys();

    /** The path of each user's {@code authorized_keys} file, {@code %u} standing for the username. */
    @Nullable String authorizedKeysFile();
}
