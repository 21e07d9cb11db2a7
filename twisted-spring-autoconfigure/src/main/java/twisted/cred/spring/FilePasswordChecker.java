package twisted.cred.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import twisted.cred.Credentials;
import twisted.cred.CredentialsChecker;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UnhandledCredentialsException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * Checks {@link UsernamePassword} credentials against a file of {@code username:hash} lines, the
 * hashes matched by a Spring Security {@link PasswordEncoder}. For small, static user lists (an
 * admin shell, a test rig); a real user base belongs behind a
 * {@link ReactiveAuthenticationManagerChecker}.
 *
 * <pre>
 * # passwd: blank lines and lines starting with # are skipped
 * alice:{bcrypt}$2a$10$...
 * bob:{noop}only-for-tests
 * </pre>
 *
 * <pre>{@code
 * portal.registerChecker(new FilePasswordChecker(Path.of("passwd"),
 *         PasswordEncoderFactories.createDelegatingPasswordEncoder(), reactor));
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 * <li>Each line is split at its first {@code ':'}; the rest of the line, colons included, is the
 * hash. A line without a colon, or with an empty name, is skipped with a warning that gives its
 * number, never its content. The first line for a name wins.</li>
 * <li>The file is read again whenever its modification time or size changes, so users can be
 * added without a restart.</li>
 * <li>Reading and hashing run on the reactor's thread pool ({@code deferToThread}): bcrypt takes
 * tens of milliseconds, which the reactor thread must not spend. The Deferred fires on the reactor
 * thread.</li>
 * <li>An unknown user is still hashed against, so that the answer takes as long as for a wrong
 * password and does not reveal which names exist. Both fail with the same
 * {@link UnauthorizedLoginException}.</li>
 * <li>A file that cannot be read fails the login with the {@code IOException}: an internal
 * error, not a wrong password.</li>
 * </ul>
 *
 * <p>Twisted: {@code twisted.cred.checkers.FilePasswordDB}, with {@code hash} replaced by the
 * encoder; the delimiter and field positions are fixed, and caching follows the file's changes
 * instead of the {@code cache} flag.
 *
 * @since 0.1.0
 */
public final class FilePasswordChecker implements CredentialsChecker {

    private static final Logger log = LoggerFactory.getLogger(FilePasswordChecker.class);

    private final Path file;

    private final PasswordEncoder passwordEncoder;

    private final Reactor reactor;

    private final boolean caseSensitive;

    private @Nullable Snapshot snapshot;

    private @Nullable String dummyHash;

    /**
     * Creates a checker with case-sensitive usernames.
     *
     * @param file the password file
     * @param passwordEncoder matches passwords against the hashes
     * @param reactor runs the work on its thread pool and fires the Deferreds on its thread
     */
    public FilePasswordChecker(Path file, PasswordEncoder passwordEncoder, Reactor reactor) {
        this(file, passwordEncoder, reactor, true);
    }

    /**
     * Creates a checker.
     *
     * @param file the password file
     * @param passwordEncoder matches passwords against the hashes
     * @param reactor runs the work on its thread pool and fires the Deferreds on its thread
     * @param caseSensitive whether {@code Alice} and {@code alice} are different users; when not,
     *        the avatar id is the name as the file spells it
     */
    public FilePasswordChecker(Path file, PasswordEncoder passwordEncoder, Reactor reactor, boolean caseSensitive) {
        this.file = Objects.requireNonNull(file, "file");
        this.passwordEncoder = Objects.requireNonNull(passwordEncoder, "passwordEncoder");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.caseSensitive = caseSensitive;
    }

    @Override
    public List<Class<?>> credentialInterfaces() {
        return List.of(UsernamePassword.class);
    }

    /**
     * Looks the user up and matches the password, on the reactor's thread pool.
     *
     * @param credentials {@link UsernamePassword} credentials
     * @return a Deferred of the username as the file spells it
     */
    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        if (!(credentials instanceof UsernamePassword login)) {
            return Deferred.fail(UnhandledCredentialsException.of(this, UsernamePassword.class, credentials));
        }
        if (login.getUsername().isEmpty()) {
            return Deferred.fail(new UnauthorizedLoginException());
        }
        return this.reactor.deferToThread(() -> check(login));
    }

    private String check(UsernamePassword login) throws IOException, UnauthorizedLoginException {
        Entry entry = users().get(key(login.getUsername()));
        if (entry == null) {
            this.passwordEncoder.matches(login.getPassword(), dummyHash());
            log.debug("Unknown user in {} (the name is not logged: it may be a mistyped password)", this.file);
            throw new UnauthorizedLoginException();
        }
        if (!this.passwordEncoder.matches(login.getPassword(), entry.hash())) {
            log.debug("Wrong password for '{}' in {}", entry.name(), this.file);
            throw new UnauthorizedLoginException();
        }
        return entry.name();
    }

    private synchronized String dummyHash() {
        if (this.dummyHash == null) {
            this.dummyHash = this.passwordEncoder.encode("no such user: hashed only to take the time a real check takes");
        }
        return this.dummyHash;
    }

    private synchronized Map<String, Entry> users() throws IOException {
        FileTime modified = Files.getLastModifiedTime(this.file);
        long size = Files.size(this.file);
        Snapshot current = this.snapshot;
        if (current != null && current.modified().equals(modified) && current.size() == size) {
            return current.users();
        }
        Map<String, Entry> users = parse(Files.readAllLines(this.file, StandardCharsets.UTF_8));
        this.snapshot = new Snapshot(modified, size, users);
        log.debug("Read {} users from {}", users.size(), this.file);
        return users;
    }

    private Map<String, Entry> parse(List<String> lines) {
        Map<String, Entry> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                log.warn("Skipping line {} of {}: expected username:hash", i + 1, this.file);
                continue;
            }
            String name = line.substring(0, colon);
            users.putIfAbsent(key(name), new Entry(name, line.substring(colon + 1)));
        }
        return users;
    }

    private String key(String username) {
        return this.caseSensitive ? username : username.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "FilePasswordChecker[" + this.file + "]";
    }

    private record Entry(String name, String hash) {

        @Override
        public String toString() {
            return "Entry[name=" + this.name + ", hash=<hidden>]";
        }
    }

    private record Snapshot(FileTime modified, long size, Map<String, Entry> users) {
    }
}
