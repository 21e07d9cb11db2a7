package twisted.application.context;

import java.util.concurrent.CountDownLatch;

/**
 * A non-daemon thread that keeps the JVM running while Twisted services listen, as Twisted's
 * {@code reactor.run()} does: the reactor's own threads are daemons, so an application with no web
 * server (or {@code spring.main.web-application-type=none}) would otherwise return from
 * {@code main} and exit at once. Released when the services stop, which a signal's shutdown hook
 * or {@code context.close()} brings about.
 */
final class KeepAlive {

    private final CountDownLatch released = new CountDownLatch(1);

    private final Thread thread;

    private KeepAlive() {
        this.thread = new Thread(this::await, "twisted-keep-alive");
        this.thread.setDaemon(false);
    }

    /**
     * Starts a keep-alive thread.
     *
     * @return the running keep-alive
     */
    static KeepAlive start() {
        KeepAlive keepAlive = new KeepAlive();
        keepAlive.thread.start();
        return keepAlive;
    }

    /** Lets the thread end, so the JVM may exit once nothing else keeps it. */
    void release() {
        this.released.countDown();
    }

    boolean isAlive() {
        return this.thread.isAlive();
    }

    private void await() {
        try {
            this.released.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
