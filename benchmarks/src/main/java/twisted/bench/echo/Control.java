package twisted.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The client side of {@link EchoServer}'s control port: one command, one answer of {@code key=value} pairs. */
final class Control implements AutoCloseable {

    private final Socket socket;

    private final BufferedReader in;

    private final PrintWriter out;

    Control(int port) throws IOException {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        this.socket.setSoTimeout(30_000);
        this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = new PrintWriter(this.socket.getOutputStream(), true, StandardCharsets.US_ASCII);
    }

    Map<String, Long> ask(String command) throws IOException {
        this.out.println(command);
        String answer = this.in.readLine();
        if (answer == null || answer.startsWith("error")) {
            throw new IOException("server answered '" + answer + "' to '" + command + "'");
        }
        Map<String, Long> values = new HashMap<>();
        for (String pair : answer.trim().split(" ")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }
}
