package twisted.conch;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import twisted.internet.Address;

/**
 * What a client asked for in one SSH session channel before its shell or command: who it is,
 * where from, its terminal if it asked for one, and the environment variables the server let
 * through (only names the service allows). Immutable; the terminal's later size changes reach a
 * protocol that is a {@link WindowChangeListener}.
 *
 * <p>Twisted: what {@code ISession.getPty} and {@code setEnv} were told.
 *
 * @since 0.1.0
 */
public final class SSHSession {

    private final String username;

    private final Address peer;

    private final @Nullable Terminal terminal;

    private final Map<String, String> environment;

    /**
     * Creates the description.
     *
     * @param username who logged in
     * @param peer where the connection comes from
     * @param terminal the pseudo-terminal requested, or {@code null}
     * @param environment the allowed environment variables the client set
     */
    public SSHSession(String username, Address peer, @Nullable Terminal terminal, Map<String, String> environment) {
        this.username = Objects.requireNonNull(username, "username");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.terminal = terminal;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The user the session belongs to (the avatar id the portal gave).
     *
     * @return the username
     */
    public String getUsername() {
        return this.username;
    }

    /**
     * The client's address.
     *
     * @return the peer
     */
    public Address getPeer() {
        return this.peer;
    }

    /**
     * The pseudo-terminal, when the client asked for one ({@code ssh -t}, an interactive login).
     *
     * @return the terminal, or empty
     */
    public Optional<Terminal> getTerminal() {
        return Optional.ofNullable(this.terminal);
    }

    /**
     * The environment variables the client set that the service allows.
     *
     * @return the variables by name
     */
    public Map<String, String> getEnvironment() {
        return this.environment;
    }

    @Override
    public String toString() {
        return "SSHSession[user=" + this.username + ", peer=" + this.peer + ", pty=" + (this.terminal != null) + "]";
    }
}
