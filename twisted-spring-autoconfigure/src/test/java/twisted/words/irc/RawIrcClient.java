package twisted.words.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Test fixture: IRC typed over a plain socket, as a human at {@code nc -C} would, to talk to a
 * server on loopback with nothing of ours on the client side.
 */
public final class RawIrcClient implements AutoCloseable {

    private final Socket socket = new Socket();

    private final BufferedReader in;

    private final OutputStream out;

    /** The lines {@link #expect} read past, in order. */
    public final List<String> skipped = new ArrayList<>();

    /**
     * Connects to 127.0.0.1.
     *
     * @param port the server's port
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's
     * @throws IOException if it cannot connect
     */
    public RawIrcClient(int port, int receiveBuffer) throws IOException {
        if (receiveBuffer > 0) {
            this.socket.setReceiveBufferSize(receiveBuffer);
        }
        this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        this.socket.setSoTimeout(20_000);
        this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = this.socket.getOutputStream();
    }

    /**
     * Connects to 127.0.0.1 with the system's buffers.
     *
     * @param port the server's port
     * @throws IOException if it cannot connect
     */
    public RawIrcClient(int port) throws IOException {
        this(port, 0);
    }

    /**
     * Sends lines, each ended by CR LF, in one write.
     *
     * @param lines the lines
     * @throws IOException if the connection is gone
     */
    public void send(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        this.out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        this.out.flush();
    }

    /**
     * Reads lines until one holds {@code text}, keeping the others in {@link #skipped}.
     *
     * @param text what the line must hold
     * @return that line
     * @throws IOException if reading fails or times out (20 s)
     */
    public String expect(String text) throws IOException {
        for (String line = this.in.readLine(); line != null; line = this.in.readLine()) {
            if (line.contains(text)) {
                return line;
            }
            this.skipped.add(line);
        }
        throw new AssertionError("the connection closed before a line with '" + text + "'; read " + this.skipped);
    }

    /**
     * Reads to the end of the stream.
     *
     * @return the last line, or {@code null} if none came
     * @throws IOException if reading fails or times out
     */
    public @Nullable String lastLine() throws IOException {
        String last = null;
        for (String line = this.in.readLine(); line != null; line = this.in.readLine()) {
            last = line;
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }
}
