package twisted.words.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import twisted.testing.PeerProcess;

/**
 * Test fixture: a real IRC daemon, Debian's {@code ngircd}, started on 127.0.0.1 in a directory
 * of the test's, with a generated configuration, for tests that need a peer nobody here wrote.
 *
 * <pre>
 * assumeTrue(Ngircd.isInstalled(), "ngircd is not installed");
 * try (Ngircd server = Ngircd.start(tempDir)) {
 *     connect to 127.0.0.1:server.port() ...
 * }
 * </pre>
 *
 * <p>The configuration ({@link #defaultSettings()}) is made for tests and load runs from one
 * machine: any number of connections from 127.0.0.1 ({@code MaxConnectionsIP = 0}), no channel
 * limit per user, nicks of up to 30 characters, no penalties ({@code MaxPenaltyTime = 0}, ngircd's
 * flood throttle), no DNS or ident look-ups, the MOTD as a phrase, no include directory (nothing
 * from /etc/ngircd is read). The port is a free one picked just before the start; if another
 * process takes it first, ngircd exits and the start is retried on a new port.
 *
 * <p>The daemon runs in the foreground ({@code -n}); its output is kept ({@link #log()}) for
 * assertion messages. {@link #close()} stops it (SIGTERM, then SIGKILL after 5 seconds).
 * {@code benchmarks/run-irc-load.sh} writes the same configuration for the load benchmark.
 */
public final class Ngircd implements AutoCloseable {

    /** Where Debian installs the daemon. */
    public static final Path EXECUTABLE = Path.of("/usr/sbin/ngircd");

    /** The server name in the generated configuration, the source of the daemon's own messages. */
    public static final String SERVER_NAME = "irc.test.local";

    private static final long START_SECONDS = 10;

    private static final int START_ATTEMPTS = 5;

    private final PeerProcess peer;

    private final int port;

    private Ngircd(PeerProcess peer, int port) {
        this.peer = peer;
        this.port = port;
    }

    /**
     * Whether ngircd is installed here (tests skip with an assumption when it is not).
     *
     * @return {@code true} if {@link #EXECUTABLE} can be run
     */
    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /**
     * Skips the calling test when ngircd is not installed, or fails it when the environment says
     * the IRC peers must be there ({@code TWISTED_REQUIRE_IRC_PEERS=1}, set by {@code .ci/run}), so
     * that CI can never pass by skipping.
     */
    public static void assumeInstalled() {
        assumePeer(isInstalled(), "ngircd is not installed at " + EXECUTABLE + " (Debian: ngircd)");
    }

    /**
     * Skips the calling test when a real IRC peer is missing, or fails it when
     * {@code TWISTED_REQUIRE_IRC_PEERS=1}.
     *
     * @param present whether the peer is there
     * @param missing what is missing and how to install it
     */
    public static void assumePeer(boolean present, String missing) {
        PeerProcess.assumePresent(present, missing, "TWISTED_REQUIRE_IRC_PEERS");
    }

    /**
     * The settings of the generated configuration, {@code Section.Key} to value, in file order.
     *
     * @return a new modifiable map
     */
    public static Map<String, String> defaultSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("Global.Name", SERVER_NAME);
        settings.put("Global.Info", "ngircd started by a twisted-spring test");
        settings.put("Global.Listen", "127.0.0.1");
        settings.put("Global.MotdPhrase", "twisted-spring test daemon");
        settings.put("Global.AdminInfo1", "twisted-spring tests");
        settings.put("Global.AdminInfo2", "loopback only");
        settings.put("Global.AdminEMail", "nobody@localhost");
        settings.put("Limits.MaxConnections", "0");
        settings.put("Limits.MaxConnectionsIP", "0");
        settings.put("Limits.MaxJoins", "0");
        settings.put("Limits.MaxNickLength", "30");
        settings.put("Limits.MaxPenaltyTime", "0");
        settings.put("Limits.PingTimeout", "120");
        settings.put("Limits.PongTimeout", "60");
        settings.put("Options.DNS", "no");
        settings.put("Options.Ident", "no");
        settings.put("Options.PAM", "no");
        return settings;
    }

    /**
     * Starts ngircd with {@link #defaultSettings()}.
     *
     * @param dir a directory for the configuration (the test's temporary directory)
     * @return the running daemon
     * @throws IOException if it cannot be started
     */
    public static Ngircd start(Path dir) throws IOException {
        return start(dir, Map.of());
    }

    /**
     * Starts ngircd with {@link #defaultSettings()} and these settings added or replaced.
     *
     * @param dir a directory for the configuration (the test's temporary directory)
     * @param settings {@code Section.Key} to value, for example {@code "Global.Password"} to
     *        {@code "secret"}, or {@code "Operator.Name"}; {@code Global.Ports} is chosen here
     * @return the running daemon, listening
     * @throws IOException if it cannot be started or does not listen within 10 seconds
     */
    public static Ngircd start(Path dir, Map<String, String> settings) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = PeerProcess.freePort();
            Map<String, String> all = defaultSettings();
            all.putAll(settings);
            all.put("Global.Ports", Integer.toString(port));
            all.put("Global.PidFile", dir.resolve("ngircd.pid").toString());
            all.put("Options.IncludeDir", dir.resolve("ngircd.conf.d").toString());
            Files.createDirectories(dir.resolve("ngircd.conf.d"));
            Path config = dir.resolve("ngircd.conf");
            Files.writeString(config, configuration(all), StandardCharsets.UTF_8);
            try {
                return launch(config, port);
            }
            catch (IOException ex) {
                last = ex;
            }
        }
        throw last;
    }

    /**
     * The configuration file for these settings.
     *
     * @param settings {@code Section.Key} to value
     * @return the file's text
     */
    public static String configuration(Map<String, String> settings) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("Settings are Section.Key: " + key);
            }
            sections.computeIfAbsent(key.substring(0, dot), s -> new ArrayList<>())
                    .add("\t" + key.substring(dot + 1) + " = " + value);
        });
        StringBuilder text = new StringBuilder("# Generated by twisted.words.irc.Ngircd (a test fixture)\n");
        sections.forEach((section, lines) -> {
            text.append('[').append(section).append("]\n");
            lines.forEach(line -> text.append(line).append('\n'));
        });
        return text.toString();
    }

    private static Ngircd launch(Path config, int port) throws IOException {
        PeerProcess peer = PeerProcess.start("ngircd-" + port,
                new ProcessBuilder(EXECUTABLE.toString(), "-n", "-f", config.toAbsolutePath().toString()),
                line -> line.contains("Now listening on [127.0.0.1]:" + port), Duration.ofSeconds(START_SECONDS));
        return new Ngircd(peer, port);
    }

    /**
     * The port the daemon listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * What the daemon has written so far.
     *
     * @return its output lines
     */
    public List<String> log() {
        return this.peer.log();
    }

    /** Stops the daemon: SIGTERM, then SIGKILL if it has not exited within 5 seconds. */
    @Override
    public void close() {
        this.peer.close();
    }
}
