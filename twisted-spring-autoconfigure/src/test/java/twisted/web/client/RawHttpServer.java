package twisted.web.client;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deliberately simple HTTP server on a plain {@link ServerSocket}, for servers that misbehave
 * in ways a real one never would: it reads the request head (and a Content-Length body) and then
 * lets the test's script answer on the raw socket, however badly.
 */
final class RawHttpServer implements AutoCloseable {

    /** What to do with one connection once its request has been read. */
    interface Script {

        void answer(String request, OutputStream out) throws Exception;
    }

    final List<String> requests = new CopyOnWriteArrayList<>();

    private final ServerSocket server;

    private final Thread acceptor;

    RawHttpServer(Script script) throws Exception {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(() -> {
            while (!this.server.isClosed()) {
                try {
                    Socket socket = this.server.accept();
                    Thread handler = new Thread(() -> handle(socket, script));
                    handler.setDaemon(true);
                    handler.start();
                }
                catch (Exception closed) {
                    return;
                }
            }
        }, "raw-http-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void handle(Socket socket, Script script) {
        try (socket) {
            socket.setSoTimeout(10000);
            String request = readRequest(socket.getInputStream());
            this.requests.add(request);
            script.answer(request, socket.getOutputStream());
        }
        catch (Exception ignored) {
            // the test decides what happens; a broken connection is often the point
        }
    }

    private static String readRequest(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                text += new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
            }
        }
        return text;
    }

    String url(String path) {
        return "http://127.0.0.1:" + this.server.getLocalPort() + path;
    }

    @Override
    public void close() throws Exception {
        this.server.close();
    }
}
