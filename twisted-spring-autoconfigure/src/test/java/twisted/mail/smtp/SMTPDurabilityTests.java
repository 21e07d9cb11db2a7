package twisted.mail.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's durability line through SMTP: a server process ({@link SMTPDurabilityChild}) takes
 * a stream of messages from several concurrent clients in this process and is killed with
 * SIGKILL in the middle of it. Every message that got {@code 250} after its final dot is in
 * {@code new} byte for byte (after the Received header the server adds), and every file in
 * {@code new} is a complete message ({@code tmp} may hold partial ones). As for the store-level
 * {@link twisted.mail.maildir.MaildirDurabilityTests}, a SIGKILL keeps the page cache, so this
 * proves the order (no {@code 250} before the rename, nothing partial renamed), not the fsyncs.
 */
@EnabledOnOs(OS.LINUX)
class SMTPDurabilityTests {

    private static final int CLIENTS = 4;

    private static final int ACKS_BEFORE_THE_KILL = 300;

    private static final String MESSAGE_ID = "\r\nMessage-ID: <";

    @TempDir
    Path root;

    private final Set<Integer> acked = ConcurrentHashMap.newKeySet();

    private final List<String> failures = new CopyOnWriteArrayList<>();

    private final CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_THE_KILL);

    private final AtomicInteger nextId = new AtomicInteger();

    private final CountDownLatch midMessage = new CountDownLatch(1);

    private final CountDownLatch dead = new CountDownLatch(1);

    private volatile boolean killed;

    private volatile Process child;

    @AfterEach
    void killTheChild() {
        if (this.child != null) {
            this.child.destroyForcibly();
        }
    }

    @Test
    void sigkillDuringAStreamOfSmtpDeliveriesLosesNoMessageThatGot250AndLeavesNothingPartialInNew()
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                SMTPDurabilityChild.class.getName(), this.root.toString(), "alice")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int port = readPort(this.child);

        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int role = i;
            Thread client = new Thread(() -> client(port, role), "smtp-durability-client-" + i);
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
        boolean enough = this.enoughAcks.await(60, TimeUnit.SECONDS);
        assertThat(this.failures).as("no client failed before the kill").isEmpty();
        assertThat(enough).as("%d messages got 250 before the kill (got %d)", ACKS_BEFORE_THE_KILL,
                this.acked.size()).isTrue();

        assertThat(this.dead.await(60, TimeUnit.SECONDS)).as("the closer killed the server").isTrue();
        assertThat(this.child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(this.child.exitValue()).isEqualTo(128 + 9);
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(client.isAlive()).as("%s saw the connection die", client.getName()).isFalse();
        }
        assertThat(this.failures).as("every client only lost its connection").isEmpty();

        Map<Integer, Path> stored = new HashMap<>();
        try (Stream<Path> files = Files.list(this.root.resolve("alice/new"))) {
            for (Path file : files.toList()) {
                byte[] content = Files.readAllBytes(file);
                String text = new String(content, StandardCharsets.ISO_8859_1);
                assertThat(text).as("%s starts with the server's Received header", file).startsWith("Received: ");
                int start = text.indexOf(MESSAGE_ID);
                assertThat(start).as("%s has its Message-ID", file).isPositive();
                int end = text.indexOf('@', start);
                assertThat(end).as("%s has a whole Message-ID", file).isPositive();
                int id = Integer.parseInt(text.substring(start + MESSAGE_ID.length(), end));
                byte[] message = Arrays.copyOfRange(content, start + 2, content.length);
                byte[] expected = crlf(lines(id));
                assertThat(Arrays.equals(message, expected)).as("message %d in new/ is complete and byte-exact "
                        + "(%d bytes of %d)", id, message.length, expected.length).isTrue();
                assertThat(stored.put(id, file)).as("message %d stored once", id).isNull();
            }
        }
        assertThat(this.acked).as("acknowledged with 250").hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_THE_KILL);
        assertThat(stored.keySet()).as("every message that got 250 is in new/").containsAll(this.acked);
    }

    /**
     * Reads the child's output up to its {@code PORT} line (log lines may come first), then keeps
     * draining it so a chatty child never blocks on a full pipe. A child that dies first ends the
     * stream, so this cannot hang.
     */
    private static int readPort(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        List<String> before = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
            before.add(line);
        }
        assertThat(line).as("the child's PORT line; before it: %s", before).isNotNull();
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            }
            catch (IOException ignored) {
                // the child is gone
            }
        }, "smtp-durability-child-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(line.substring(5));
    }

    /**
     * One client: a loop of transactions until the connection dies. Once enough messages got
     * {@code 250}, client 0 (the straggler) starts a message of about 2 MB, sends half of it and
     * waits for the kill: the server has written some of it (in 64 KiB chunks), which must stay
     * out of {@code new}. Then client 1 (the closer) sends another such message whole and kills
     * the server the moment it gets its {@code 250}: a server that answered before the message
     * was in {@code new} would still be writing or forcing it. The others keep streaming.
     */
    private void client(int port, int role) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            expect(in, 220, "greeting");
            command(out, "EHLO client.test");
            expect(in, 250, "EHLO");
            while (true) {
                boolean straggler = role == 0 && this.enoughAcks.getCount() == 0;
                boolean closer = role == 1 && this.midMessage.getCount() == 0;
                int id = straggler ? BIG : closer ? BIG + 1 : this.nextId.getAndIncrement();
                command(out, "MAIL FROM:<sender@client.test>");
                expect(in, 250, "MAIL FROM");
                command(out, "RCPT TO:<alice@example.test>");
                expect(in, 250, "RCPT TO");
                command(out, "DATA");
                expect(in, 354, "DATA");
                List<byte[]> lines = lines(id);
                for (int i = 0; i < lines.size(); i++) {
                    if (straggler && i == lines.size() / 2) {
                        out.flush();
                        this.midMessage.countDown();
                        if (!this.dead.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the server was not killed");
                        }
                    }
                    byte[] line = lines.get(i);
                    if (line.length > 0 && line[0] == '.') {
                        out.write('.');
                    }
                    out.write(line);
                    out.write(CRLF);
                }
                command(out, ".");
                expect(in, 250, "end of message " + id);
                this.acked.add(id);
                this.enoughAcks.countDown();
                if (closer) {
                    // SIGKILL (what destroyForcibly sends on Linux; the exit status is checked),
                    // straight from here rather than through kill(1), so the server has no time
                    // to finish anything it had not finished when it answered
                    this.killed = true;
                    this.child.toHandle().destroyForcibly();
                    this.dead.countDown();
                }
            }
        }
        catch (IOException e) {
            if (!this.killed) {
                this.failures.add(Thread.currentThread().getName() + ": " + e);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException e) {
            this.failures.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    /** The straggler's message id; {@link #lines} makes it a message of about 2 MB. */
    private static final int BIG = 1_000_000;

    private static final byte[] CRLF = {'\r', '\n'};

    private static void command(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.flush();
    }

    /** Reads a reply (all its lines) and checks its code. */
    private static void expect(InputStream in, int code, String what) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line.length() < 4 || !line.startsWith(Integer.toString(code))) {
                throw new IllegalStateException(what + ": expected " + code + ", got " + line);
            }
            if (line.charAt(3) == ' ') {
                return;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The message with this id, line by line: headers naming the id, then a body whose size varies
     * with the id (every tenth message is about 100 KB, {@link #BIG} and the next about 2 MB); every seventh body line starts with a dot,
     * which the client stuffs and the server must unstuff.
     */
    static List<byte[]> lines(int id) {
        List<byte[]> lines = new ArrayList<>();
        lines.add(("Message-ID: <" + id + "@smtp-durability.test>").getBytes(StandardCharsets.US_ASCII));
        lines.add(("Subject: message " + id).getBytes(StandardCharsets.US_ASCII));
        lines.add(new byte[0]);
        int bodyLines = id >= BIG ? 40_000 : id % 10 == 0 ? 2_000 : 1 + id % 37;
        for (int i = 0; i < bodyLines; i++) {
            lines.add(((i % 7 == 3 ? "." : "") + id + ":" + i + " " + "abcdefghijklmnopqrstuvwxyz".repeat(1 + (id + i) % 3))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return lines;
    }

    static byte[] crlf(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }
}
