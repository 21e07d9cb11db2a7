package twisted.conch;

import java.util.List;

import twisted.internet.Protocol;

/**
 * A command a client may run ({@code ssh host NAME ARGS...}): the SSH service's exec requests are
 * mapped to these by name, never to a system shell. The protocol it starts talks over an
 * {@link twisted.conch.SSHSessionTransport}: its input is the client's standard input, its
 * writes the client's output, and it ends with an exit status. Application beans of this type
 * are the {@code ssh} service's commands.
 *
 * <pre>{@code
 * @Bean
 * SSHCommand uptime(Reactor reactor) {
 *     return SSHCommand.of("uptime", (session, args) -> "up since " + started + "\n");
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface SSHCommand {

    /**
     * The command's name, its first word on the command line.
     *
     * @return the name
     */
    String getName();

    /**
     * Starts the command.
     *
     * @param session who runs it, from where
     * @param arguments the words after the name, unquoted
     * @return the protocol that runs it
     */
    Protocol start(SSHSession session, List<String> arguments);

    /**
     * A command that writes one answer and exits 0, or writes the message of the
     * {@link IllegalArgumentException} it throws to standard error and exits 2.
     *
     * @param name the command's name
     * @param answer computes the output from the session and the arguments, on the reactor thread
     * @return the command
     */
    static SSHCommand of(String name, java.util.function.BiFunction<SSHSession, List<String>, String> answer) {
        return new SimpleCommand(name, answer);
    }
}
