package twisted.bench.echo;

/** A running echo server under test: where it listens and which I/O transport it uses. */
interface BenchServer {

    /** The TCP port it listens on, on 127.0.0.1. */
    int port();

    /** {@code epoll} or {@code nio}. */
    String transport();

    /** Closes the port and stops the event loop, waiting a bounded time. */
    void stop() throws Exception;
}
