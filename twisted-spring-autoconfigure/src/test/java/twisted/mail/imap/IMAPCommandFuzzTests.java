package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.mail.ModifiedUtf7;
import twisted.mail.imap.IMAPFraming.Limits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets: the IMAP command framing and parser, with any bytes as what a client sends (the
 * corpus files are the bytes on the wire). For every input:
 * <ul>
 * <li>the framing's events (commands, continuation requests, rejections, {@code DONE} and
 * {@code AUTHENTICATE} lines) are the same whether the stream comes whole, one byte at a time or
 * cut at input-chosen places, with the default limits and with small ones;</li>
 * <li>no command breaks a limit: text, literal sizes, total size and literal count are within
 * them;</li>
 * <li>{@link IMAPParser#parse} returns a command or throws {@link IMAPParseException}, nothing
 * else; the reason is one line of printable ASCII (it goes on the wire after {@code BAD}); a tag
 * is one the grammar allows; sequence sets print back to themselves; fetch items' response names
 * are printable ASCII;</li>
 * <li>modified UTF-7: whatever {@link ModifiedUtf7#decode} accepts, {@link ModifiedUtf7#encode}
 * writes back exactly (one spelling per name).</li>
 * </ul>
 */
class IMAPCommandFuzzTests {

    private static final Limits SMALL = new Limits(64, 16, 128, 4);

    private static final Pattern REASON = Pattern.compile("[\\x20-\\x7e]+");

    private static final Pattern TAG = Pattern.compile("[\\x21-\\x7e&&[^(){%*\"\\\\+]]+");

    @FuzzTest
    void commandsDoNotDependOnHowTheBytesArriveAndParseCleanly(byte[] input) throws Exception {
        for (Limits limits : List.of(Limits.defaults(), SMALL)) {
            FramingHost whole = FramingHost.feed(limits, input);
            assertThat(FramingHost.bytewise(limits, input)).as("bytewise").isEqualTo(whole.events);
            assertThat(FramingHost.events(limits, input, cuts(input))).as("cut").isEqualTo(whole.events);
            for (RawCommand command : whole.commands) {
                checkLimits(command, limits);
                checkParse(command);
            }
        }
    }

    /** Up to 8 cut positions, from the input's own bytes. */
    private static int[] cuts(byte[] input) {
        List<Integer> positions = new ArrayList<>();
        int last = 0;
        for (int i = 0; i < Math.min(8, input.length); i++) {
            int at = last + 1 + ((input[i] & 0xFF) % 7);
            if (at >= input.length) {
                break;
            }
            positions.add(at);
            last = at;
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void checkLimits(RawCommand command, Limits limits) {
        long text = command.lines().stream().mapToLong(line -> line.length).sum();
        assertThat(text).isLessThanOrEqualTo(limits.maxLineLength());
        assertThat(command.literals()).hasSizeLessThanOrEqualTo(limits.maxLiterals());
        for (byte[] literal : command.literals()) {
            assertThat((long) literal.length).isLessThanOrEqualTo(limits.maxLiteralSize());
        }
        assertThat(command.size()).isLessThanOrEqualTo(limits.maxCommandSize());
    }

    private static void checkParse(RawCommand raw) {
        try {
            IMAPCommand command = new IMAPParser().parse(raw);
            assertThat(command.tag()).matches(TAG);
            assertThat(command.tag()).isEqualTo(raw.tag());
            if (command instanceof IMAPCommand.Fetch fetch) {
                checkSet(fetch.set());
                for (FetchItem item : fetch.items()) {
                    assertThat(item.responseName()).matches(REASON);
                }
            }
            else if (command instanceof IMAPCommand.Store store) {
                checkSet(store.set());
            }
            else if (command instanceof IMAPCommand.Copy copy) {
                checkSet(copy.set());
            }
            else if (command instanceof IMAPCommand.Expunge expunge && expunge.uids() != null) {
                checkSet(expunge.uids());
            }
            else if (command instanceof IMAPCommand.Select select) {
                assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode(select.mailbox()))).isEqualTo(select.mailbox());
            }
        }
        catch (IMAPParseException ex) {
            assertThat(ex.reason()).matches(REASON);
            if (ex.tag() != null) {
                assertThat(ex.tag()).matches(TAG);
            }
        }
    }

    private static void checkSet(SequenceSet set) {
        assertThat(SequenceSet.parse(set.toString())).isEqualTo(set);
        assertThat(set.size(1000)).isEqualTo(set.stream(1000).count());
    }

    @FuzzTest
    void mailboxNamesHaveOneSpelling(byte[] input) {
        String wire = new String(input, StandardCharsets.ISO_8859_1);
        String name;
        try {
            name = ModifiedUtf7.decode(wire);
        }
        catch (IllegalArgumentException ex) {
            assertThat(ex.getMessage()).startsWith("Mailbox name");
            return;
        }
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(wire);
        String text = new String(input, StandardCharsets.UTF_8);
        assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode(text))).isEqualTo(text);
    }
}
