package twisted.conch.checkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * Each user's keys in an OpenSSH {@code authorized_keys} file, found by a path pattern in which
 * {@code %u} is the username ({@code /srv/ssh/%u/authorized_keys}), as {@code sshd}'s
 * {@code AuthorizedKeysFile}. A file is read on every login, on the reactor's thread pool, so
 * changes apply at once; lines that are not keys are skipped with a warning naming the file and
 * line; a file over {@link #MAX_FILE_SIZE} is refused. Usernames that could leave the directory
 * ({@code /}, {@code ..}, control characters) have no keys.
 *
 * <p>Twisted: {@code twisted.conch.checkers.UNIXAuthorizedKeysFiles}.
 *
 * @since 0.1.0
 */
public final class AuthorizedKeysFiles implements AuthorizedKeys {

    /** The largest file read. */
    public static final long MAX_FILE_SIZE = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AuthorizedKeysFiles.class);

    private static final Pattern SAFE_USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

    private final Reactor reactor;

    private final String pattern;

    /**
     * Reads keys from the files {@code pattern} names.
     *
     * @param reactor whose thread pool reads the files
     * @param pattern the path of a user's file, {@code %u} standing for the username
     */
    public AuthorizedKeysFiles(Reactor reactor, String pattern) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public Deferred<List<PublicKey>> getAuthorizedKeys(String username) {
        if (!SAFE_USERNAME.matcher(username).matches() || username.startsWith(".")) {
            return Deferred.succeed(List.of());
        }
        Path file = Path.of(this.pattern.replace("%u", username));
        return this.reactor.deferToThread(() -> read(file));
    }

    static List<PublicKey> read(Path file) throws IOException {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new IOException("The authorized keys file " + file + " is over " + MAX_FILE_SIZE + " bytes");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException ex) {
            return List.of();
        }
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                keys.add(InMemorySSHKeyDB.parseKey(line, "line " + (i + 1) + " of " + file));
            }
            catch (IllegalArgumentException ex) {
                log.warn("Skipped {}", ex.getMessage());
            }
        }
        return keys;
    }

    @Override
    public String toString() {
        return "AuthorizedKeysFiles[" + this.pattern + "]";
    }
}
