package twisted.mail.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded answers of Dovecot (Debian's 2.3) for the test messages in
 * {@code src/test/resources/twisted/mail/imap/messages}: one {@code NAME.dovecot.txt} per
 * {@code NAME.eml}, holding for each fetch item of {@link #ITEMS} the value Dovecot returned (what
 * followed the item's name in {@code * 1 FETCH (...)}, literals included byte for byte).
 * {@link MessageStructureDovecotRecording} writes them; {@link MessageStructureDovecotTests}
 * compares our output with them.
 *
 * <p>File format, repeated: {@code ITEM <fetch item>\n<length>\n<value bytes>\n}.
 */
final class DovecotFixtures {

    /** Where the messages and fixtures live, relative to the module (Maven's working directory). */
    static final Path DIRECTORY = Path.of("src/test/resources/twisted/mail/imap/messages");

    /** The messages, by file name without {@code .eml}. */
    static final List<String> MESSAGES = List.of("plain", "no-content-type", "eight-bit", "quoted-printable",
            "base64-attachment", "alternative-in-mixed", "rfc822-attachment", "group-address", "encoded-word-subject",
            "missing-date", "folded-headers", "lf-only", "broken-boundary", "odd-addresses", "digest", "rfc822-single",
            "header-only");

    /** What is fetched from every message. */
    static final List<String> ITEMS = List.of("ENVELOPE", "BODYSTRUCTURE", "BODY", "BODY.PEEK[]", "BODY.PEEK[HEADER]",
            "BODY.PEEK[TEXT]", "BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]", "BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT FROM)]",
            "BODY.PEEK[1]", "BODY.PEEK[1.MIME]", "BODY.PEEK[2]", "BODY.PEEK[2.MIME]", "BODY.PEEK[1.1]",
            "BODY.PEEK[1.2]", "BODY.PEEK[1.2.MIME]", "BODY.PEEK[2.HEADER]", "BODY.PEEK[2.TEXT]", "BODY.PEEK[2.1]",
            "BODY.PEEK[2.1.MIME]", "BODY.PEEK[2.2]", "BODY.PEEK[3]", "BODY.PEEK[1.3]", "BODY.PEEK[1.HEADER]",
            "BODY.PEEK[TEXT]<3.10>", "BODY.PEEK[1]<0.4>", "BODY.PEEK[]<100000.5>");

    private DovecotFixtures() {
    }

    static byte[] message(String name) throws IOException {
        return Files.readAllBytes(DIRECTORY.resolve(name + ".eml"));
    }

    static Path fixture(String name) {
        return DIRECTORY.resolve(name + ".dovecot.txt");
    }

    static void write(String name, Map<String, byte[]> values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> value : values.entrySet()) {
            out.writeBytes(("ITEM " + value.getKey() + "\n" + value.getValue().length + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(value.getValue());
            out.write('\n');
        }
        Files.write(fixture(name), out.toByteArray());
    }

    static Map<String, byte[]> read(String name) throws IOException {
        byte[] file = Files.readAllBytes(fixture(name));
        Map<String, byte[]> values = new LinkedHashMap<>();
        int at = 0;
        while (at < file.length) {
            int end = indexOf(file, at);
            String item = new String(file, at, end - at, StandardCharsets.US_ASCII).substring("ITEM ".length());
            at = end + 1;
            end = indexOf(file, at);
            int length = Integer.parseInt(new String(file, at, end - at, StandardCharsets.US_ASCII));
            at = end + 1;
            byte[] value = new byte[length];
            System.arraycopy(file, at, value, 0, length);
            values.put(item, value);
            at += length + 1;
        }
        return values;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("truncated fixture");
    }
}
