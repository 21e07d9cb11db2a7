package twisted.internet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The listen backlog a server socket asks for when its caller names none: the system's own maximum,
 * which the kernel would cap a larger request to anyway. Twisted asks for 50, and a burst of
 * connections overflows that queue: clients then wait a second or more for their SYN to be sent
 * again (issue 11: 1,000 sequential connects took 15 s). Netty's {@code NetUtil.SOMAXCONN} reads
 * the same file.
 */
final class ListenBacklog {

    /** Where Linux keeps the maximum listen backlog. */
    static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    /** What is asked for where the system's maximum cannot be read. */
    static final int FALLBACK = 1024;

    private ListenBacklog() {
    }

    /**
     * The system's maximum listen backlog, or {@link #FALLBACK}.
     *
     * @return a positive backlog
     */
    static int systemDefault() {
        return read(SOMAXCONN);
    }

    /**
     * The backlog written in {@code file} (one positive number), or {@link #FALLBACK} when the file is
     * missing, unreadable or holds something else.
     */
    static int read(Path file) {
        // line by line: a /proc file reports a size of 0, and Files.readString on JDK 17 then gives
        // only its first byte ("4" for 4096)
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line = reader.readLine();
            int value = (line != null) ? Integer.parseInt(line.trim()) : 0;
            return (value > 0) ? value : FALLBACK;
        }
        catch (IOException | NumberFormatException | SecurityException ex) {
            return FALLBACK;
        }
    }
}
