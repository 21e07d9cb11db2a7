package twisted.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.internet.process.ProcessUtils;

/**
 * Chapter 10 behind HTTP: a blocking computation handed to the reactor's thread pool with
 * {@code deferToThread}, and the output of {@code uname -a} through {@code getProcessOutput}.
 * Both answers come back on the reactor thread as Deferreds.
 *
 * <pre>
 * curl http://127.0.0.1:8080/threads/primes/1000000
 * curl http://127.0.0.1:8080/process/uname
 * </pre>
 *
 * <p>Controllers run on WebFlux's threads, so each request first hops onto the reactor thread
 * ({@link #onReactor}); the Deferreds are then only ever touched there, as the threading contract
 * asks. The command is fixed: no part of the request reaches the process.
 */
@RestController
class ThreadsAndProcessesController {

    static final int MAX_PRIMES_LIMIT = 5_000_000;

    private final Reactor reactor;

    ThreadsAndProcessesController(Reactor reactor) {
        this.reactor = reactor;
    }

    @GetMapping(path = "/threads/primes/{below}", produces = MediaType.TEXT_PLAIN_VALUE)
    Deferred<String> primes(@PathVariable int below) {
        if (below < 2 || below > MAX_PRIMES_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "below (" + below + ") must be between 2 and " + MAX_PRIMES_LIMIT);
        }
        return onReactor(() -> this.reactor.deferToThread(() -> new Count(countPrimes(below), threadName()))
                .thenApply(count -> "There are " + count.primes() + " primes below " + below + ".\n"
                        + "Counted on " + count.thread() + ", answered on " + threadName() + ".\n"));
    }

    @GetMapping(path = "/process/uname", produces = MediaType.TEXT_PLAIN_VALUE)
    Deferred<String> uname() {
        return onReactor(() -> ProcessUtils.getProcessOutput(this.reactor, "uname", List.of("-a"))
                .thenApply(out -> new String(out, StandardCharsets.UTF_8)));
    }

    private <T> Deferred<T> onReactor(Supplier<Deferred<T>> work) {
        return ReactorThread.onReactor(this.reactor, work);
    }

    /** Deliberately slow and blocking: the kind of work that must never run on the reactor thread. */
    private static long countPrimes(int below) {
        return IntStream.range(2, below).filter(ThreadsAndProcessesController::isPrime).count();
    }

    private static boolean isPrime(int n) {
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    private static String threadName() {
        return Thread.currentThread().getName();
    }

    record Count(long primes, String thread) {
    }
}
