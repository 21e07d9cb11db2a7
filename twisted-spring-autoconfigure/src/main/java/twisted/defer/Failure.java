package twisted.defer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A failure travelling down a {@link Deferred}'s errback chain: the exception that happened,
 * with its stack, plus Twisted's helpers to inspect it.
 *
 * <p>Why it exists: a callback chain needs a value that says "this is an error, not a result",
 * so that the chain can route it to the errbacks. Java exceptions already carry their stack, so
 * unlike Twisted's {@code Failure} this class keeps nothing but the original {@link Throwable};
 * {@link #value()} is that very object, never a copy.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * <p>Twisted: {@code twisted.python.failure.Failure}.
 *
 * @since 0.1.0
 */
public final class Failure {

    private final Throwable value;

    /**
     * Wraps an exception.
     *
     * @param value the exception; a {@link java.util.concurrent.CompletionException} or
     *              {@link java.util.concurrent.ExecutionException} is kept as it is
     */
    public Failure(Throwable value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * The original exception, with the stack trace it was created with.
     *
     * @return the exception this failure wraps
     */
    public Throwable value() {
        return this.value;
    }

    /**
     * The exception's class. Twisted: {@code Failure.type}.
     *
     * @return the class of {@link #value()}
     */
    public Class<? extends Throwable> type() {
        return this.value.getClass();
    }

    /**
     * Checks the failure against the given types and gives back the first one it is an instance of.
     * Twisted: {@code Failure.check}.
     *
     * @param types the exception types to test, in order
     * @return the first matching type, or {@code null} when none matches
     */
    @SafeVarargs
    public final @Nullable Class<? extends Throwable> check(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(this.value)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Like {@link #check}, but rethrows the original exception when nothing matches. Used at the
     * top of an errback that only handles some errors: the others continue down the chain
     * unchanged, because the errback's exception becomes the chain's new failure. Twisted:
     * {@code Failure.trap}.
     *
     * @param types the exception types this errback handles
     * @return the first matching type
     */
    @SafeVarargs
    public final Class<? extends Throwable> trap(Class<? extends Throwable>... types) {
        Class<? extends Throwable> match = check(types);
        if (match == null) {
            throw sneakyThrow(this.value);
        }
        return match;
    }

    /**
     * Throws the original exception, checked or not, without wrapping it. Twisted:
     * {@code Failure.raiseException}.
     *
     * @return never returns; declared so callers can write {@code throw failure.raiseException()}
     */
    public RuntimeException raiseException() {
        throw sneakyThrow(this.value);
    }

    /**
     * The exception's message, or its class name when it has none. Twisted:
     * {@code Failure.getErrorMessage}.
     *
     * @return a short, human-readable description of the error
     */
    public String getErrorMessage() {
        String message = this.value.getMessage();
        return (message != null) ? message : this.value.getClass().getName();
    }

    /**
     * The exception's full stack trace, causes included, as text. Twisted:
     * {@code Failure.getTraceback}.
     *
     * @return the printed stack trace
     */
    public String getTraceback() {
        StringWriter out = new StringWriter();
        this.value.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /**
     * Renders like Twisted's {@code repr}: {@code [Failure instance: java.lang.Exception: boom]}.
     */
    @Override
    public String toString() {
        return "[Failure instance: " + this.value + "]";
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
