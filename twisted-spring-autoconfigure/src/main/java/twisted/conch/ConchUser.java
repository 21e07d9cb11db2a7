package twisted.conch;

import org.jspecify.annotations.Nullable;

import twisted.internet.Protocol;

/**
 * The avatar of a user logged in over SSH: what a realm gives for {@code ConchUser.class}, and
 * what decides what each session channel gets. The protocol returned runs on the reactor thread
 * over an {@link twisted.conch.SSHSessionTransport}: its input is the client's standard input,
 * its writes the client's output. With a terminal ({@link SSHSession#getTerminal()}) the input is
 * raw keystrokes; {@link twisted.conch.recvline} turns any line protocol into a shell that echoes
 * and edits.
 *
 * <p>Twisted: {@code twisted.conch.avatar.ConchUser} with the {@code ISession} adapter's
 * {@code openShell} and {@code execCommand}.
 *
 * @since 0.1.0
 */
public interface ConchUser {

    /**
     * The user's name.
     *
     * @return the avatar id the portal gave
     */
    String getUsername();

    /**
     * An interactive shell for this session, or a refusal.
     *
     * @param session what the client asked for
     * @return the shell's protocol, or {@code null} to refuse ({@code ssh} then says "shell request failed")
     */
    @Nullable Protocol openShell(SSHSession session);

    /**
     * A protocol to run {@code command} ({@code ssh host command}), or a refusal.
     *
     * @param session what the client asked for
     * @param command the command line, as the client sent it
     * @return the command's protocol, or {@code null} to refuse
     */
    @Nullable Protocol execCommand(SSHSession session, String command);
}
