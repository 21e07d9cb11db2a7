package twisted.conch;

import twisted.internet.Protocol;

/**
 * Makes the interactive shell of an SSH session: any protocol of the application, line-based as a
 * rule ({@link twisted.protocols.basic.LineReceiver}), since with a terminal the
 * {@link twisted.conch.recvline.LineDiscipline} edits keystrokes into lines for it. An
 * application bean of this type is the {@code ssh} service's shell.
 *
 * <p>Twisted: a {@code ConchUser}'s {@code openShell}, or manhole's {@code chainedProtocolFactory}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ShellFactory {

    /**
     * Makes the shell's protocol for one session.
     *
     * @param session who, from where, with which terminal
     * @return the shell's protocol
     */
    Protocol buildShell(SSHSession session);
}
