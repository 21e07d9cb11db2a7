package twisted.mail.maildir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's durability line at the store level: a process delivering a stream of messages is
 * killed with SIGKILL; every message it acknowledged is in {@code new} byte for byte, and
 * {@code new} holds no partial message ({@code tmp} may). A SIGKILL leaves the page cache intact,
 * so this proves the write-then-rename protocol (nothing acknowledged before the rename, nothing
 * partial ever renamed), not the fsyncs, which only a power cut could prove.
 */
@EnabledOnOs(OS.LINUX)
class MaildirDurabilityTests {

    private static final Pattern MESSAGE_ID = Pattern.compile("^Message-ID: <(\\d+)@durability\\.test>\r\n");

    @TempDir
    Path root;

    private Process child;

    @AfterEach
    void killTheChild() {
        if (this.child != null) {
            this.child.destroyForcibly();
        }
    }

    @Test
    void sigkillDuringAStreamOfDeliveriesLosesNoAcknowledgedMessageAndLeavesNothingPartialInNew()
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                DurabilityChild.class.getName(), this.root.toString(), "victim", "8")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();

        Set<Integer> acked = new HashSet<>();
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(this.child.getInputStream(), StandardCharsets.US_ASCII))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (acked.size() < 300 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                collect(line, acked, other);
            }
            assertThat(acked).as("acknowledged before the kill; other output: %s", other).hasSizeGreaterThanOrEqualTo(300);
            // SIGKILL in the middle of the stream. Not destroyForcibly(): it also closes our end of
            // the pipe, losing the ACKs the child printed just before it died.
            assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(this.child.pid())).start()
                    .waitFor()).isZero();
            assertThat(this.child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) { // what it printed before it died was acknowledged too
                collect(line, acked, other);
            }
        }
        assertThat(this.child.exitValue()).isEqualTo(128 + 9);
        assertThat(other).as("no delivery failed").allMatch(l -> l.equals("READY"));

        Map<Integer, Path> stored = new HashMap<>();
        try (Stream<Path> files = Files.list(this.root.resolve("victim/new"))) {
            for (Path file : files.toList()) {
                byte[] content = Files.readAllBytes(file);
                Matcher matcher = MESSAGE_ID.matcher(new String(content, 0, Math.min(content.length, 80),
                        StandardCharsets.US_ASCII));
                assertThat(matcher.find()).as("%s starts with its Message-ID", file).isTrue();
                int id = Integer.parseInt(matcher.group(1));
                assertThat(content).as("message %d in new/ is complete", id)
                        .isEqualTo(MaildirStoreTests.crlf(DurabilityChild.lines(id)));
                assertThat(stored.put(id, file)).as("message %d stored once", id).isNull();
            }
        }
        assertThat(stored.keySet()).as("every acknowledged message").containsAll(acked);
    }

    private static void collect(String line, Set<Integer> acked, List<String> other) {
        if (line.startsWith("ACK ")) {
            acked.add(Integer.parseInt(line.substring(4)));
        }
        else {
            other.add(line);
        }
    }
}
