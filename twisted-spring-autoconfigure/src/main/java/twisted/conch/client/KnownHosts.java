package twisted.conch.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.jspecify.annotations.Nullable;

/**
 * An OpenSSH {@code known_hosts} file: which host keys the SSH client accepts for which hosts.
 * Twisted: {@code twisted.conch.client.knownhosts.KnownHostsFile}.
 *
 * <pre>
 * KnownHosts knownHosts = KnownHosts.fromPath(Path.of(System.getProperty("user.home"), ".ssh/known_hosts"));
 * switch (knownHosts.check("example.com", 22, serverKey)) {
 *     case MATCH -&gt; proceed
 *     case UNKNOWN -&gt; refuse, or (accept-new) knownHosts.addHostKey("example.com", 22, serverKey, true); knownHosts.save();
 *     case CHANGED, REVOKED -&gt; refuse, always
 * }
 * </pre>
 *
 * <p>What it reads, as OpenSSH's {@code sshd(8)} describes the format: host patterns (names,
 * addresses, {@code *} and {@code ?} wildcards, {@code !} negations, {@code [host]:port} for a port
 * other than 22) and hashed hosts ({@code |1|salt|hash}, written by {@code ssh-keygen -H} and by
 * {@code HashKnownHosts yes}); the markers {@code @revoked} (that key is refused for the hosts the
 * line names; {@code *} names all) and {@code @cert-authority} (recognised and kept, but host
 * certificates are not supported, so such a line never makes a key match). Comments, blank lines
 * and lines that do not parse are skipped, as OpenSSH skips them, and kept as they are when the file
 * is saved. The parsing is Apache MINA SSHD's ({@link KnownHostEntry}, {@link KnownHostHashValue},
 * {@link PublicKeyEntry}); keys are compared by their SSH encoding, so lines of a type MINA cannot
 * decode (Ed25519 without an EdDSA provider) still count.
 *
 * <p>Limits: the file may be at most {@link #MAX_FILE_BYTES} bytes and a line at most
 * {@link #MAX_LINE_LENGTH} characters, and must be UTF-8; otherwise {@link #fromPath} fails with a
 * {@link KnownHostsException} naming the file and line (never a key).
 *
 * <p>Not thread-safe: use an instance from one thread at a time (the reactor's).
 */
public final class KnownHosts {

    /** The largest file read: 1 MiB, some 10,000 entries. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** The longest line read: 16 KiB, room for a 16,384-bit RSA key. */
    public static final int MAX_LINE_LENGTH = 16 * 1024;

    private static final int DEFAULT_PORT = 22;

    private static final String REVOKED = "revoked";

    private static final String CERT_AUTHORITY = "cert-authority";

    private static final SecureRandom SALTS = new SecureRandom();

    private final @Nullable Path path;

    private final List<Line> lines;

    private KnownHosts(@Nullable Path path, List<Line> lines) {
        this.path = path;
        this.lines = lines;
    }

    /**
     * Reads a {@code known_hosts} file; a missing file reads as an empty one (and is created by
     * {@link #save()}).
     *
     * @param path the file
     * @return its entries
     * @throws KnownHostsException if the file breaks the limits or is not UTF-8
     * @throws IOException if it cannot be read
     */
    public static KnownHosts fromPath(Path path) throws IOException {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() > MAX_FILE_BYTES) {
                throw new KnownHostsException(path + " is " + channel.size() + " bytes, more than the "
                        + MAX_FILE_BYTES + " a known_hosts file may have");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size() + 1);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or at the end
            }
            if (!buffer.hasRemaining()) {
                throw new KnownHostsException(path + " grew past its size while being read");
            }
            bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
        }
        catch (NoSuchFileException ex) {
            return new KnownHosts(path, new ArrayList<>());
        }
        return new KnownHosts(path, parse(path.toString(), bytes));
    }

    /**
     * Reads {@code known_hosts} text that belongs to no file ({@link #save()} is then refused).
     *
     * @param text the lines
     * @return its entries
     * @throws KnownHostsException if the text breaks the limits
     */
    public static KnownHosts fromString(String text) throws KnownHostsException {
        return new KnownHosts(null, parse("known_hosts text", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Line> parse(String source, byte[] bytes) throws KnownHostsException {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new KnownHostsException(source + " is " + bytes.length + " bytes, more than the " + MAX_FILE_BYTES
                    + " a known_hosts file may have");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException ex) {
            throw new KnownHostsException(source + " is not UTF-8 text");
        }
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\r?\n", -1)) {
            number++;
            if (raw.length() > MAX_LINE_LENGTH) {
                throw new KnownHostsException(source + " line " + number + " is " + raw.length()
                        + " characters, more than the " + MAX_LINE_LENGTH + " a known_hosts line may have");
            }
            lines.add(Line.parse(raw));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).text().isEmpty()) {
            lines.remove(lines.size() - 1); // the end of the last line, not a line
        }
        return lines;
    }

    /**
     * What the file says about the key a server presented. Twisted's {@code hasHostKey}, which
     * raises {@code HostKeyChanged} where this answers {@link HostKeyStatus#CHANGED}.
     *
     * @param host the host as the client was asked to reach it (a name, matched ignoring case, or an
     *        address)
     * @param port its port ({@code 22} matches plain patterns, any other only {@code [host]:port})
     * @param key the key the server presented
     * @return {@link HostKeyStatus#REVOKED} if a {@code @revoked} line for this host holds the key;
     *         else {@link HostKeyStatus#MATCH} if a line for this host holds it; else
     *         {@link HostKeyStatus#CHANGED} if a line for this host holds another key of its type;
     *         else {@link HostKeyStatus#UNKNOWN}
     * @throws IllegalArgumentException if MINA cannot encode the key
     */
    public HostKeyStatus check(String host, int port, PublicKey key) {
        String name = host.toLowerCase(Locale.ROOT); // as OpenSSH looks hosts up
        String[] presented = PublicKeyEntry.toString(key).split(" ");
        String type = presented[0];
        String data = presented[1];
        boolean otherOfType = false;
        boolean match = false;
        for (Line line : this.lines) {
            Entry entry = line.entry();
            if (entry == null || CERT_AUTHORITY.equals(entry.marker()) || !entry.matches(name, port)) {
                continue;
            }
            boolean same = type.equals(entry.keyType()) && data.equals(entry.keyData());
            if (REVOKED.equals(entry.marker())) {
                if (same) {
                    return HostKeyStatus.REVOKED;
                }
            }
            else if (same) {
                match = true;
            }
            else if (type.equals(entry.keyType())) {
                otherOfType = true;
            }
        }
        if (match) {
            return HostKeyStatus.MATCH;
        }
        return otherOfType ? HostKeyStatus.CHANGED : HostKeyStatus.UNKNOWN;
    }

    /**
     * The fingerprints of the keys of one type the file holds for a host (revoked and
     * certificate-authority lines aside), for telling a user what changed.
     *
     * @param host the host as the client was asked to reach it
     * @param port its port
     * @param keyType the SSH key type ({@code ssh-ed25519}, {@code rsa-sha2-512} keys are {@code ssh-rsa})
     * @return SHA-256 fingerprints as {@code ssh-keygen -l} prints them ({@code SHA256:...}), in file order
     */
    public List<String> fingerprints(String host, int port, String keyType) {
        String name = host.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (Line line : this.lines) {
            Entry entry = line.entry();
            if (entry != null && entry.marker() == null && keyType.equals(entry.keyType()) && entry.matches(name, port)) {
                found.add(fingerprint(Base64.getDecoder().decode(entry.keyData())));
            }
        }
        return found;
    }

    /**
     * The SHA-256 fingerprint of a key's SSH encoding, as {@code ssh-keygen -l} prints it.
     *
     * @param blob the key's SSH wire encoding
     * @return {@code SHA256:} and the unpadded Base64 of the digest
     */
    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /**
     * Adds an entry for a host's key (in memory: {@link #save()} writes it). For a port other
     * than 22 the entry names {@code [host]:port}, as OpenSSH writes it.
     *
     * @param host the host as the client was asked to reach it
     * @param port its port
     * @param key the key to accept from now on
     * @param hashed whether to write the host hashed ({@code |1|salt|hash}, as
     *        {@code HashKnownHosts yes} does), so that the file does not list where the user goes
     * @return the line added
     * @throws IllegalArgumentException if the host contains spaces, commas or is empty, or MINA cannot
     *         encode the key
     */
    public String addHostKey(String host, int port, PublicKey key, boolean hashed) {
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == ',' || c == '#')) {
            throw new IllegalArgumentException("Not a host name or address: " + host);
        }
        String name = host.toLowerCase(Locale.ROOT);
        String pattern = KnownHostHashValue.createHostPattern(name, port);
        if (hashed) {
            byte[] salt = new byte[20];
            SALTS.nextBytes(salt);
            try {
                byte[] hash = KnownHostHashValue.calculateHashValue(name, port, KnownHostHashValue.DEFAULT_DIGEST,
                        salt);
                pattern = KnownHostHashValue.append(new StringBuilder(), KnownHostHashValue.DEFAULT_DIGEST, salt, hash)
                        .toString();
            }
            catch (Exception ex) {
                throw new IllegalStateException("HMAC-SHA1 for a hashed host is not available", ex);
            }
        }
        String text = pattern + " " + PublicKeyEntry.toString(key);
        Line line = Line.parse(text);
        if (line.entry() == null) {
            throw new IllegalArgumentException("Not a host name or address: " + host);
        }
        this.lines.add(line);
        return text;
    }

    /**
     * Writes the entries back to the file they were read from, atomically: into a new file beside
     * it (mode {@code 0600}), flushed to disk, then renamed over it, so that a reader sees the old
     * file or the new one, never half of one. Lines it could not parse are written back as they were.
     *
     * @throws IOException if it cannot be written
     * @throws IllegalStateException if these entries were not read from a file
     */
    public void save() throws IOException {
        if (this.path == null) {
            throw new IllegalStateException("These known_hosts entries were not read from a file");
        }
        Path target = this.path.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            StringBuilder text = new StringBuilder();
            for (Line line : this.lines) {
                text.append(line.text()).append('\n');
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException ex) {
                throw new IOException("Cannot replace " + target + " atomically", ex);
            }
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The file these entries were read from.
     *
     * @return the file, or {@code null} for {@link #fromString} entries
     */
    public @Nullable Path path() {
        return this.path;
    }

    /**
     * How many lines hold a host key entry (markers included; comments, blank lines and lines that
     * did not parse are not counted).
     *
     * @return the number of entries
     */
    public int size() {
        return (int) this.lines.stream().filter(line -> line.entry() != null).count();
    }

    /** A line of the file as it was, with its entry if it has one. */
    private record Line(String text, @Nullable Entry entry) {

        static Line parse(String text) {
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
                return new Line(text, null);
            }
            try {
                KnownHostEntry parsed = KnownHostEntry.parseKnownHostEntry(trimmed);
                String marker = parsed.getMarker();
                if (marker != null && !REVOKED.equals(marker) && !CERT_AUTHORITY.equals(marker)) {
                    return new Line(text, null); // OpenSSH skips a line with a marker it does not know
                }
                AuthorizedKeyEntry key = parsed.getKeyEntry();
                if (!key.getLoginOptions().isEmpty() || !namesItsType(key.getKeyType(), key.getKeyData())) {
                    return new Line(text, null);
                }
                String keyData = Base64.getEncoder().encodeToString(key.getKeyData());
                return new Line(text, new Entry(parsed, marker, key.getKeyType(), keyData));
            }
            catch (RuntimeException ex) { // not an entry: skipped, as OpenSSH skips it
                return new Line(text, null);
            }
        }
    }

    /** Whether a key's SSH encoding starts with its type's name, as every SSH public key blob does. */
    private static boolean namesItsType(String type, byte[] blob) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        if (blob.length < 4 + name.length) {
            return false;
        }
        int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        return length == name.length && Arrays.equals(blob, 4, 4 + name.length, name, 0, name.length);
    }

    /** A host key entry: MINA's parse of it, and its key's type and data as the file has them. */
    private record Entry(KnownHostEntry parsed, @Nullable String marker, String keyType, String keyData) {

        /**
         * OpenSSH looks a host on another port than 22 up as {@code [host]:port}, which wildcard
         * patterns ({@code *}) match too; MINA matches such patterns on port 22 only, so ask it both ways.
         */
        boolean matches(String host, int port) {
            return this.parsed.isHostMatch(host, port)
                    || (port != DEFAULT_PORT && this.parsed.isHostMatch("[" + host + "]:" + port, DEFAULT_PORT));
        }
    }
}
