package twisted.mail.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import twisted.mail.Dovecot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rewrites the Dovecot fixtures ({@link DovecotFixtures}): starts Debian's Dovecot, delivers every
 * test message to a user of its own, and records Dovecot's answer to each fetch item. Not a
 * {@code *Tests} class, so the build does not run it (nor list it as skipped); CI needs no Dovecot
 * for the comparison. Run it by name when a message is added:
 * <pre>
 * flock /tmp/mvn.lock mvn -B -ntp -o -pl twisted-spring-autoconfigure test \
 *     -Dtest=MessageStructureDovecotRecording -Dtwisted.record.dovecot=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "twisted.record.dovecot", matches = "true")
class MessageStructureDovecotRecording {

    @TempDir
    Path dir;

    @Test
    void recordDovecotsAnswers() throws Exception {
        Dovecot.assumeInstalled();
        Map<String, String> users = new HashMap<>();
        for (int i = 0; i < DovecotFixtures.MESSAGES.size(); i++) {
            users.put("u" + i, "secret");
        }
        try (Dovecot dovecot = Dovecot.start(this.dir, users)) {
            for (int i = 0; i < DovecotFixtures.MESSAGES.size(); i++) {
                String name = DovecotFixtures.MESSAGES.get(i);
                dovecot.deliver("u" + i, DovecotFixtures.message(name));
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), dovecot.imapPort())) {
                    socket.setSoTimeout(10_000);
                    Session session = new Session(socket.getInputStream(), socket.getOutputStream());
                    session.command("LOGIN u" + i + " secret");
                    session.command("EXAMINE INBOX");
                    Map<String, byte[]> values = new LinkedHashMap<>();
                    for (String item : DovecotFixtures.ITEMS) {
                        values.put(item, session.fetchValue(item));
                    }
                    session.command("LOGOUT");
                    DovecotFixtures.write(name, values);
                }
            }
        }
    }

    /** Tagged commands whose answers may hold literals. */
    private static final class Session {

        private final InputStream in;

        private final OutputStream out;

        private int tag;

        Session(InputStream in, OutputStream out) throws IOException {
            this.in = in;
            this.out = out;
            assertThat(line()).startsWith("* OK");
        }

        /** The untagged answers, joined, literals inline. */
        String command(String command) throws IOException {
            return new String(answer(command), StandardCharsets.UTF_8);
        }

        /** What follows {@code * 1 FETCH (NAME } up to the final {@code )}. */
        byte[] fetchValue(String item) throws IOException {
            byte[] all = answer("FETCH 1 (" + item + ")");
            String name = responseName(item);
            byte[] prefix = ("* 1 FETCH (" + name + " ").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < prefix.length; i++) {
                assertThat(all[i]).as(item + ": " + new String(all, StandardCharsets.UTF_8)).isEqualTo(prefix[i]);
            }
            assertThat(new String(all, all.length - 3, 3, StandardCharsets.US_ASCII)).isEqualTo(")\r\n");
            byte[] value = new byte[all.length - prefix.length - 3];
            System.arraycopy(all, prefix.length, value, 0, value.length);
            return value;
        }

        private static String responseName(String item) {
            String name = item.replace("BODY.PEEK[", "BODY[");
            int partial = name.indexOf("]<");
            return (partial < 0) ? name : name.substring(0, name.indexOf('.', partial)) + ">";
        }

        private byte[] answer(String command) throws IOException {
            String t = "t" + (++this.tag);
            this.out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            this.out.flush();
            ByteArrayOutputStream untagged = new ByteArrayOutputStream();
            while (true) {
                String line = line();
                if (line.startsWith(t + " ")) {
                    assertThat(line).as(command).startsWith(t + " OK");
                    return untagged.toByteArray();
                }
                untagged.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
                while (line.matches("(?s).*\\{\\d+\\}\r\n")) {
                    int n = Integer.parseInt(line.substring(line.lastIndexOf('{') + 1, line.lastIndexOf('}')));
                    untagged.writeBytes(this.in.readNBytes(n));
                    line = line();
                    untagged.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        }

        /** One line with its CR LF, as ISO-8859-1 (byte for byte). */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = this.in.read(); b >= 0; b = this.in.read()) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
