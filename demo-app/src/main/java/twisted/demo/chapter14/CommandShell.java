package twisted.demo.chapter14;

import java.time.Instant;
import java.util.Locale;

import twisted.conch.SSHSession;
import twisted.protocols.basic.LineReceiver;

/**
 * The book's SSH shell (chapter 14's {@code SSHDemoProtocol}): a few commands typed at a prompt.
 * The {@code ssh} service puts it under a terminal line discipline, so {@code ssh -p 2222
 * admin@127.0.0.1} echoes, edits and keeps a history as a shell does.
 *
 * <pre>
 * $ ssh -p 2222 admin@127.0.0.1
 * Welcome to my test SSH server, admin. Commands: help, echo, whoami, time, quit
 * &gt; echo hello
 * hello
 * </pre>
 */
final class CommandShell extends LineReceiver {

    private final SSHSession session;

    CommandShell(SSHSession session) {
        this.session = session;
    }

    @Override
    public void connectionMade() {
        sendLine("Welcome to my test SSH server, " + this.session.getUsername() + ". Commands: help, echo, whoami, "
                + "time, quit");
    }

    @Override
    public void lineReceived(String line) {
        String[] words = line.strip().split("\\s+", 2);
        String argument = (words.length > 1) ? words[1] : "";
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "" -> {
            }
            case "help" -> sendLine("Commands: help, echo TEXT, whoami, time, quit");
            case "echo" -> sendLine(argument);
            case "whoami" -> sendLine(this.session.getUsername() + " from " + this.session.getPeer());
            case "time" -> sendLine(Instant.now().toString());
            case "quit" -> {
                sendLine("Goodbye.");
                this.transport.loseConnection();
            }
            default -> sendLine("No such command: " + words[0]);
        }
    }
}
