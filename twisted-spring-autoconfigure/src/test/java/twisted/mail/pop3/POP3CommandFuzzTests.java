package twisted.mail.pop3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import twisted.mail.pop3.POP3Fixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: the POP3 command parser and the session behind it, with any bytes as what a client
 * sends after logging in as alice (two messages). For every input:
 * <ul>
 * <li>{@link POP3Command#parse} never throws for any line; its keyword is the line's first word
 * with ASCII letters (only those) upper-cased; its arguments are non-empty and hold no space;
 * {@link POP3Command#number} is {@code null} or the argument's digits' value;</li>
 * <li>nothing escapes {@code dataReceived}; the output is whole CR LF lines; the replies and the
 * close are the same whether the input comes whole or one byte at a time;</li>
 * <li>mail is deleted only by a session that said {@code QUIT} after {@code DELE} (the reply says
 * how many), and after the connection is gone the maildrop is never left locked.</li>
 * </ul>
 */
class POP3CommandFuzzTests {

    @FuzzTest
    void sessionsNeverLoseMailOrDependOnCuts(byte[] input) {
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            checkParse(line);
        }
        List<String> whole = run(input, input.length);
        List<String> bytewise = run(input, 1);
        assertThat(bytewise).as("bytewise vs whole").isEqualTo(whole);
    }

    private static void checkParse(String line) {
        POP3Command command = POP3Command.parse(line);
        String keyword = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
        assertThat(command.name()).hasSameSizeAs(keyword);
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            char expected = (c >= 'a' && c <= 'z') ? (char) (c - 32) : c;
            assertThat(command.name().charAt(i)).isEqualTo(expected);
        }
        for (String arg : command.args()) {
            assertThat(arg).isNotEmpty().doesNotContain(" ");
            Integer number = POP3Command.number(arg);
            if (number != null) {
                assertThat(arg).matches("[0-9]{1,9}");
                assertThat(number).isEqualTo(Integer.parseInt(arg));
            }
        }
    }

    private static List<String> run(byte[] input, int chunk) {
        POP3Fixture f = new POP3Fixture();
        Client client = f.alice();
        for (int i = 0; i < input.length; i += chunk) {
            client.protocol.dataReceived(java.util.Arrays.copyOfRange(input, i, Math.min(input.length, i + chunk)));
        }
        List<String> output = new ArrayList<>(client.take());
        boolean closed = client.closed();
        output.add(closed ? "(closed)" : "(open)");
        List<String> left = f.store.uids("alice");
        String signOff = output.stream().filter(l -> l.startsWith("+OK localhost POP3 server signing off (")).findFirst()
                .orElse(null);
        if (signOff == null) {
            assertThat(left).as("no QUIT, nothing deleted").hasSize(2);
        }
        else {
            int deleted = Integer.parseInt(signOff.substring(signOff.indexOf('(') + 1, signOff.indexOf(' ',
                    signOff.indexOf('('))));
            assertThat(left).hasSize(2 - deleted);
        }
        client.transport.loseConnection();
        assertThat(f.store.isLocked("alice")).as("the lock after the connection is gone").isFalse();
        output.add(String.join(",", left));
        return output;
    }
}
