package twisted.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client for line protocols (chat, IRC, SMTP, IMAP) on a plain socket, as {@code nc} would be:
 * it sends lines ended by CRLF and reads lines, each read failing after a timeout rather than
 * hanging the test.
 */
final class LineClient implements AutoCloseable {

    private final Socket socket;

    private final BufferedReader in;

    private final OutputStream out;

    /**
     * Connects to a port of 127.0.0.1, reads failing after 30 seconds.
     *
     * @param port the port
     * @throws IOException when the connection is refused
     */
    LineClient(int port) throws IOException {
        this(port, Duration.ofSeconds(30));
    }

    /**
     * Connects to a port of 127.0.0.1.
     *
     * @param port the port
     * @param readTimeout how long one read may wait
     * @throws IOException when the connection is refused
     */
    LineClient(int port, Duration readTimeout) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout((int) readTimeout.toMillis());
        this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = this.socket.getOutputStream();
    }

    /**
     * Sends lines, each ended by CRLF, in one flush.
     *
     * @param lines the lines
     * @throws IOException when the connection is gone
     */
    void send(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        this.out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        this.out.flush();
    }

    /**
     * Reads one line.
     *
     * @return the line, or {@code null} once the server has closed the connection
     * @throws IOException on a timeout or a reset
     */
    String read() throws IOException {
        return this.in.readLine();
    }

    /**
     * Reads lines up to and including the first that starts with {@code prefix}.
     *
     * @param prefix how the line starts
     * @return that line, or {@code null} when the connection closed first
     * @throws IOException on a timeout or a reset
     */
    String readUntil(String prefix) throws IOException {
        return readUntilContaining(prefix, true);
    }

    /**
     * Reads lines up to and including the first that contains {@code text}.
     *
     * @param text what the line contains
     * @return that line, or {@code null} when the connection closed first
     * @throws IOException on a timeout or a reset
     */
    String readUntilContaining(String text) throws IOException {
        return readUntilContaining(text, false);
    }

    private String readUntilContaining(String text, boolean prefix) throws IOException {
        String line;
        do {
            line = this.in.readLine();
        }
        while (line != null && !(prefix ? line.startsWith(text) : line.contains(text)));
        return line;
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }
}
