package twisted.bench.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * The IMAP benchmark's mail: writes {@code count} messages straight into a Maildir (as a delivery
 * agent would have left them) so that both servers serve the same files. Deterministic (a fixed
 * seed): the same count gives the same messages.
 *
 * <ul>
 * <li>Sizes about 1.5 to 8 KB: headers (From, To, sometimes Cc, Subject, Date, Message-ID,
 * MIME-Version) and lines of prose; every 4th message is {@code multipart/mixed} (a text part and
 * a base64 attachment of 1 to 3 KB), every 12th of those holds a nested
 * {@code multipart/alternative} (text and HTML).</li>
 * <li>Subject {@code needle}: message {@code i} (0-based) when {@code i % 50 == 7}.</li>
 * <li>Body {@code needle} (in a 7-bit text part): when {@code i % 40 == 3}.</li>
 * <li>Seen: every 3rd ({@code i % 3 == 0}) lies in {@code cur/} named {@code ...:2,S}; the others in
 * {@code new/}, no flags.</li>
 * </ul>
 *
 * <p>File names follow the Maildir specification, {@code seconds.M<micros>P<pid>Q<n>.bench}, in
 * delivery order; each file's modification time is the message's date (its INTERNALDATE). Prints
 * the expected search answers as shell assignments: {@code COUNT=... UNSEEN=... SUBJECT=... BODY=...}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar twisted.bench.mail.ImapMessages MAILDIR COUNT
 * </pre>
 */
public final class ImapMessages {

    private static final String[] WORDS = ("the quarterly report shows that shipping volume rose again while the "
            + "warehouse team moved to the new schedule please review the attached figures before friday and let me "
            + "know whether the budget line for travel should stay as it is we also need a decision on the vendor "
            + "contract meeting notes follow below thanks for your patience with the delays").split(" ");

    private static final String[] PEOPLE = { "Alice Martin <alice@example.com>", "bob@example.org",
        "\"Carol Ng\" <carol.ng@mail.example.net>", "Dave <dave@example.com>", "erin@lists.example.org" };

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);

    private ImapMessages() {
    }

    /**
     * Writes the messages.
     *
     * @param args the maildir (created with {@code cur}, {@code new}, {@code tmp}) and the count
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ImapMessages MAILDIR COUNT");
        }
        Path maildir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        for (String sub : new String[] { "cur", "new", "tmp" }) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Random random = new Random(14);
        long start = 1_780_000_000L;
        int unseen = 0;
        int subject = 0;
        int body = 0;
        for (int i = 0; i < count; i++) {
            long seconds = start + i * 37L;
            boolean seen = i % 3 == 0;
            boolean subjectNeedle = i % 50 == 7;
            boolean bodyNeedle = i % 40 == 3;
            unseen += seen ? 0 : 1;
            subject += subjectNeedle ? 1 : 0;
            body += bodyNeedle ? 1 : 0;
            String text = message(i, seconds, subjectNeedle, bodyNeedle, random);
            String name = seconds + ".M" + (i % 1_000_000) + "P1Q" + (i + 1) + ".bench";
            Path file = seen ? maildir.resolve("cur").resolve(name + ":2,S") : maildir.resolve("new").resolve(name);
            Files.write(file, text.getBytes(StandardCharsets.US_ASCII));
            Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(seconds)));
        }
        System.out.printf(Locale.ROOT, "COUNT=%d UNSEEN=%d SUBJECT=%d BODY=%d%n", count, unseen, subject, body);
    }

    private static String message(int i, long seconds, boolean subjectNeedle, boolean bodyNeedle, Random random) {
        StringBuilder out = new StringBuilder();
        out.append("Return-Path: <sender").append(i % 17).append("@example.com>\r\n");
        out.append("From: ").append(PEOPLE[i % PEOPLE.length]).append("\r\n");
        out.append("To: ").append(PEOPLE[(i + 1) % PEOPLE.length]).append(", team@example.com\r\n");
        if (i % 5 == 0) {
            out.append("Cc: ").append(PEOPLE[(i + 2) % PEOPLE.length]).append("\r\n");
        }
        out.append("Subject: ").append(subjectNeedle ? "Re: needle in the report " : "Weekly status ").append(i)
                .append("\r\n");
        out.append("Date: ").append(DATE.format(Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.ofHours(2))))
                .append("\r\n");
        out.append("Message-ID: <").append(i).append(".").append(seconds).append("@bench.example.com>\r\n");
        out.append("MIME-Version: 1.0\r\n");
        String prose = prose(random, 1200 + random.nextInt(5000), bodyNeedle);
        if (i % 4 != 0) {
            out.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n").append(prose);
            return out.toString();
        }
        out.append("Content-Type: multipart/mixed; boundary=\"mixed-").append(i).append("\"\r\n\r\n");
        out.append("This is a multi-part message in MIME format.\r\n");
        out.append("--mixed-").append(i).append("\r\n");
        if (i % 48 == 0) {
            out.append("Content-Type: multipart/alternative; boundary=\"alt-").append(i).append("\"\r\n\r\n");
            out.append("--alt-").append(i).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n").append(prose);
            out.append("--alt-").append(i).append("\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<html><body><p>")
                    .append(prose.replace("\r\n", "<br>\r\n")).append("</p></body></html>\r\n");
            out.append("--alt-").append(i).append("--\r\n");
        }
        else {
            out.append("Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n").append(prose);
        }
        byte[] attachment = new byte[1000 + random.nextInt(2000)];
        random.nextBytes(attachment);
        out.append("--mixed-").append(i).append("\r\nContent-Type: application/octet-stream; name=\"figures-").append(i)
                .append(".bin\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"figures-")
                .append(i).append(".bin\"\r\n\r\n");
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        out.append(encoded).append("\r\n--mixed-").append(i).append("--\r\n");
        return out.toString();
    }

    /** Lines of about 70 characters of words, about {@code length} characters; one says needle if asked. */
    private static String prose(Random random, int length, boolean needle) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int needleAt = needle ? random.nextInt(Math.max(1, length / 2)) : -1;
        while (out.length() < length) {
            if (needleAt >= 0 && out.length() >= needleAt) {
                line.append("found the needle ");
                needleAt = -1;
            }
            line.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            if (line.length() > 66) {
                out.append(line.toString().stripTrailing()).append("\r\n");
                line.setLength(0);
            }
        }
        out.append(line.toString().stripTrailing()).append("\r\n");
        return out.toString();
    }
}
