package twisted.demo;

import java.util.function.Supplier;

import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * How a controller (on an HTTP thread) starts Twisted work: on the reactor thread, so that the
 * Deferreds it makes are only ever touched there, as the threading contract asks. The Deferred
 * handed back to WebFlux is fired on the reactor thread too, and WebFlux reads it there.
 *
 * <p>It never blocks the HTTP thread, which is why it is not {@code Threads.blockingCallFromThread}
 * nor the test fixture {@code twisted.testing.RunningReactor}: both wait for the answer.
 */
public final class ReactorThread {

    private ReactorThread() {
    }

    /**
     * Starts {@code work} on the reactor thread and gives a Deferred that fires there with its
     * result; when {@code work} throws instead of returning a Deferred, the Deferred fails with it,
     * so the request is answered rather than left waiting.
     */
    public static <T> Deferred<T> onReactor(Reactor reactor, Supplier<Deferred<T>> work) {
        Deferred<T> result = new Deferred<>();
        reactor.callFromThread(() -> Deferred.maybeDeferred(work::get).chainDeferred(result));
        return result;
    }
}
