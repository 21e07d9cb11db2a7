package twisted.conch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import twisted.internet.Protocol;

/** {@link SSHCommand#of}: one answer, then exit. */
final class SimpleCommand implements SSHCommand {

    private final String name;

    private final BiFunction<SSHSession, List<String>, String> answer;

    SimpleCommand(String name, BiFunction<SSHSession, List<String>, String> answer) {
        this.name = Objects.requireNonNull(name, "name");
        this.answer = Objects.requireNonNull(answer, "answer");
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public Protocol start(SSHSession session, List<String> arguments) {
        return new Protocol() {
            @Override
            public void connectionMade() {
                SSHSessionTransport t = (SSHSessionTransport) this.transport;
                String output;
                try {
                    output = SimpleCommand.this.answer.apply(session, arguments);
                }
                catch (IllegalArgumentException ex) {
                    t.writeExtended((SimpleCommand.this.name + ": " + ex.getMessage() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    t.exit(2);
                    return;
                }
                t.write(output.getBytes(StandardCharsets.UTF_8));
                t.exit(0);
            }
        };
    }

    @Override
    public String toString() {
        return "SSHCommand[" + this.name + "]";
    }
}
