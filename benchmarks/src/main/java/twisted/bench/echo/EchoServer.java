package twisted.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

/**
 * The server process of the echo benchmark. It runs one {@link ServerMode} on 127.0.0.1 and a
 * control port beside it, and prints one line once both listen:
 *
 * <pre>READY mode=netty-echo transport=epoll port=40001 ctrl=40002 pid=1234 end</pre>
 *
 * <p>The control port takes one command per line, from any number of clients at once, and
 * answers with one line:
 * <ul>
 * <li>{@code fds}: the number of open file descriptors (so a client can tell when the server has
 * accepted its connections);</li>
 * <li>{@code mem}: runs {@code System.gc()} a few times, then reports heap used, the Netty
 * allocator's direct memory in use, the resident set size (bytes) and open descriptors;</li>
 * <li>{@code quit}: stops the server and exits.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar twisted.bench.echo.EchoServer <mode>}
 */
public final class EchoServer {

    private static final int BACKLOG = 4096;

    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EchoServer framework-echo|framework-line|netty-echo|netty-line");
            System.exit(2);
        }
        ServerMode mode = ServerMode.of(args[0]);
        BenchServer server = mode.framework() ? FrameworkServer.start(mode.lines(), BACKLOG)
                : NettyServer.start(mode.lines(), BACKLOG);
        try (ServerSocket control = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            memory(); // loads and initialises what a reading needs, so that the first reading is clean
            // One write, ending in "end": a reader polling the output never takes half a line for the line.
            String ready = String.format("READY mode=%s transport=%s port=%d ctrl=%d pid=%d end%n", mode.label(),
                    server.transport(), server.port(), control.getLocalPort(), ProcessHandle.current().pid());
            System.out.write(ready.getBytes(StandardCharsets.US_ASCII));
            System.out.flush();
            serve(control);
        }
        finally {
            server.stop();
        }
    }

    /**
     * Answers commands, each client on its own thread (a load tool may hold one connection while a
     * profiling script asks on another), until one sends {@code quit}.
     */
    private static void serve(ServerSocket control) throws InterruptedException {
        CountDownLatch quit = new CountDownLatch(1);
        Thread acceptor = new Thread(() -> {
            while (!control.isClosed()) {
                try {
                    Socket client = control.accept();
                    Thread handler = new Thread(() -> answer(client, quit), "control-client");
                    handler.setDaemon(true);
                    handler.start();
                }
                catch (IOException ex) {
                    if (!control.isClosed()) {
                        System.err.println("control port failed: " + ex);
                        quit.countDown();
                    }
                    return;
                }
            }
        }, "control-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        quit.await();
    }

    private static void answer(Socket client, CountDownLatch quit) {
        try (client;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            String command;
            while ((command = in.readLine()) != null) {
                switch (command.trim()) {
                    case "fds" -> out.println("fds=" + ProcStats.selfOpenFiles());
                    case "mem" -> out.println(memory());
                    case "quit" -> {
                        out.println("bye");
                        quit.countDown();
                        return;
                    }
                    default -> out.println("error unknown command '" + command + "'");
                }
            }
        }
        catch (IOException ex) {
            System.err.println("control client failed: " + ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Heap in use after full collections, read with {@code Runtime}, which allocates nothing (the
     * first use of the management beans allocates about a megabyte, which would land in the
     * reading). With the serial collector, {@code System.gc()} is a full, compacting collection.
     */
    private static String memory() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        System.gc();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long direct = (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics)
                ? metrics.metric().usedDirectMemory() : -1;
        return "heap=" + heap + " direct=" + direct + " rss=" + ProcStats.selfRssBytes() + " fds="
                + ProcStats.selfOpenFiles();
    }
}
