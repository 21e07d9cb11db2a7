package twisted.conch.avatar;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import twisted.conch.ConchUser;
import twisted.conch.SSHCommand;
import twisted.conch.SSHSession;
import twisted.conch.SSHSessionTransport;
import twisted.conch.ShellFactory;
import twisted.conch.recvline.LineDiscipline;
import twisted.conch.recvline.LineDisciplineOptions;
import twisted.internet.Protocol;

/**
 * An SSH user whose shell and commands the application chose: the shell from a
 * {@link ShellFactory}, wrapped in a {@link LineDiscipline} when the client has a terminal (so it
 * echoes and edits as a shell does), and exec requests mapped by their first word to
 * {@link SSHCommand}s, never to a system shell. An unknown command is answered as a shell would:
 * {@code NAME: command not found} and exit status 127; without a shell factory a shell is refused.
 * The {@code ssh} service's realm gives every user one of these.
 *
 * @since 0.1.0
 */
public final class CommandUser implements ConchUser {

    /** The exit status of an unknown command, as shells give it. */
    public static final int COMMAND_NOT_FOUND = 127;

    private final String username;

    private final @Nullable ShellFactory shell;

    private final Map<String, SSHCommand> commands;

    private final LineDisciplineOptions lineOptions;

    /**
     * Creates the user.
     *
     * @param username the user's name
     * @param shell makes the interactive shell, or {@code null} to refuse shells
     * @param commands the commands the user may run
     * @param lineOptions the terminal's line editing (prompt, line length, history)
     */
    public CommandUser(String username, @Nullable ShellFactory shell, List<SSHCommand> commands,
            LineDisciplineOptions lineOptions) {
        this.username = Objects.requireNonNull(username, "username");
        this.shell = shell;
        Map<String, SSHCommand> byName = new LinkedHashMap<>();
        for (SSHCommand command : commands) {
            if (byName.putIfAbsent(command.getName(), command) != null) {
                throw new IllegalArgumentException("two SSH commands are named '" + command.getName() + "'");
            }
        }
        this.commands = Map.copyOf(byName);
        this.lineOptions = Objects.requireNonNull(lineOptions, "lineOptions");
    }

    @Override
    public String getUsername() {
        return this.username;
    }

    @Override
    public @Nullable Protocol openShell(SSHSession session) {
        if (this.shell == null) {
            return null;
        }
        Protocol protocol = this.shell.buildShell(session);
        return session.getTerminal().<Protocol>map(terminal -> {
            LineDiscipline discipline = new LineDiscipline(protocol, this.lineOptions);
            discipline.terminalSize(terminal.columns(), terminal.rows());
            return discipline;
        }).orElse(protocol);
    }

    @Override
    public Protocol execCommand(SSHSession session, String command) {
        List<String> words;
        try {
            words = CommandLine.split(command);
        }
        catch (IllegalArgumentException ex) {
            return failure("sh: " + ex.getMessage(), 2);
        }
        if (words.isEmpty()) {
            return failure("sh: an empty command", 2);
        }
        SSHCommand found = this.commands.get(words.get(0));
        if (found == null) {
            return failure(words.get(0) + ": command not found", COMMAND_NOT_FOUND);
        }
        return found.start(session, words.subList(1, words.size()));
    }

    private static Protocol failure(String message, int status) {
        return new Protocol() {
            @Override
            public void connectionMade() {
                SSHSessionTransport t = (SSHSessionTransport) this.transport;
                t.writeExtended((message + "\n").getBytes(StandardCharsets.UTF_8));
                t.exit(status);
            }
        };
    }

    @Override
    public String toString() {
        return "CommandUser[" + this.username + ", commands=" + this.commands.keySet() + "]";
    }
}
