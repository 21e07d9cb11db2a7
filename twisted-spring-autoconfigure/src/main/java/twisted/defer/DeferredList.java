package twisted.defer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Deferred that fires when every Deferred of a list has fired, with the list of their
 * {@link Outcome}s in input order; plus the module-level combinators Twisted keeps beside it,
 * {@link #gatherResults}, {@link #race} and {@link #fireOnOneCallback}.
 *
 * <p>Options, as in Twisted: {@code fireOnOneErrback} errbacks with {@link FirstErrorException}
 * as soon as one member fails; {@code consumeErrors} turns each member's failure into
 * {@code null} in that member's own chain, so it is not reported as unhandled. An empty list fires
 * at once with an empty list. Cancelling a DeferredList cancels every member not yet fired.
 *
 * <p>Members are chained with callbacks, so all of them must fire on the thread that owns the
 * list. Twisted: {@code defer.DeferredList}.
 *
 * @param <T> the members' result type
 * @since 0.1.0
 */
public class DeferredList<T> extends Deferred<List<Outcome<T>>> {

    private static final Logger log = LoggerFactory.getLogger(DeferredList.class);

    /**
     * Waits for every member, never errbacking.
     *
     * @param deferreds the members
     */
    public DeferredList(List<? extends Deferred<? extends T>> deferreds) {
        this(deferreds, false, false);
    }

    /**
     * Waits for every member, with Twisted's options.
     *
     * @param deferreds the members
     * @param fireOnOneErrback whether to errback with {@link FirstErrorException} on the first failure
     * @param consumeErrors whether members' failures stop at the list instead of staying in their chains
     */
    public DeferredList(List<? extends Deferred<? extends T>> deferreds, boolean fireOnOneErrback,
            boolean consumeErrors) {
        super(self -> cancelAll(deferreds));
        List<Deferred<? extends T>> members = List.copyOf(deferreds);
        @SuppressWarnings("unchecked")
        Outcome<T>[] outcomes = new Outcome[members.size()];
        int[] finished = new int[1];
        if (members.isEmpty()) {
            callback(new ArrayList<>());
            return;
        }
        for (int i = 0; i < members.size(); i++) {
            int index = i;
            members.get(i).addCallbacks(result -> {
                outcomes[index] = Outcome.success(result);
                finished[0]++;
                if (!isCalled() && finished[0] == outcomes.length) {
                    callback(new ArrayList<>(Arrays.asList(outcomes)));
                }
                return result;
            }, failure -> {
                outcomes[index] = Outcome.failure(failure);
                finished[0]++;
                if (!isCalled()) {
                    if (fireOnOneErrback) {
                        errback(new FirstErrorException(failure, index));
                    }
                    else if (finished[0] == outcomes.length) {
                        callback(new ArrayList<>(Arrays.asList(outcomes)));
                    }
                }
                return consumeErrors ? null : failure;
            });
        }
    }

    /**
     * The results of all the Deferreds, in order, or the first failure as a
     * {@link FirstErrorException}. Cancelling it cancels every member. Twisted:
     * {@code defer.gatherResults}.
     *
     * @param deferreds the members
     * @param consumeErrors whether members' failures stop here
     * @param <T> the result type
     * @return a Deferred of the list of results
     */
    public static <T> Deferred<List<@Nullable T>> gatherResults(List<? extends Deferred<? extends T>> deferreds,
            boolean consumeErrors) {
        return new DeferredList<T>(deferreds, true, consumeErrors).thenApply(outcomes -> {
            List<@Nullable T> results = new ArrayList<>(outcomes.size());
            for (Outcome<T> outcome : outcomes) {
                results.add(outcome.result());
            }
            return results;
        });
    }

    /**
     * Like {@link #gatherResults(List, boolean)} with {@code consumeErrors} off.
     *
     * @param deferreds the members
     * @param <T> the result type
     * @return a Deferred of the list of results
     */
    public static <T> Deferred<List<@Nullable T>> gatherResults(List<? extends Deferred<? extends T>> deferreds) {
        return gatherResults(deferreds, false);
    }

    /**
     * The first member to succeed, with its index; the others are cancelled at once and their
     * failures consumed. When all fail, it fails with {@link FailureGroupException}, at once for an
     * empty list. Cancelling it cancels every member. Twisted: {@code defer.race}.
     *
     * @param deferreds the members
     * @param <T> the result type
     * @return a Deferred of the winner
     */
    public static <T> Deferred<IndexedResult<T>> race(List<? extends Deferred<? extends T>> deferreds) {
        return firstSuccess(deferreds, true, false, true);
    }

    /**
     * Twisted's {@code DeferredList(fireOnOneCallback=True)}, typed: the first member to succeed,
     * with its index, leaving the others running. When every member fails (and
     * {@code fireOnOneErrback} is off), Twisted calls back with the list of failures; a typed
     * result cannot be two things, so this errbacks with {@link FailureGroupException} instead.
     *
     * @param deferreds the members
     * @param fireOnOneErrback whether to errback with {@link FirstErrorException} on the first failure
     * @param consumeErrors whether members' failures stop here
     * @param <T> the result type
     * @return a Deferred of the first success
     */
    public static <T> Deferred<IndexedResult<T>> fireOnOneCallback(List<? extends Deferred<? extends T>> deferreds,
            boolean fireOnOneErrback, boolean consumeErrors) {
        return firstSuccess(deferreds, false, fireOnOneErrback, consumeErrors);
    }

    private static <T> Deferred<IndexedResult<T>> firstSuccess(List<? extends Deferred<? extends T>> deferreds,
            boolean cancelLosers, boolean fireOnOneErrback, boolean consumeErrors) {
        List<Deferred<? extends T>> members = List.copyOf(deferreds);
        Deferred<IndexedResult<T>> first = new Deferred<>(self -> cancelAll(members));
        Failure[] failures = new Failure[members.size()];
        int[] failed = new int[1];
        if (members.isEmpty()) {
            first.errback(new FailureGroupException(List.of()));
            return first;
        }
        for (int i = 0; i < members.size(); i++) {
            int index = i;
            members.get(i).addCallbacks(result -> {
                if (!first.isCalled()) {
                    first.callback(new IndexedResult<>(index, result));
                    if (cancelLosers) {
                        for (int j = 0; j < members.size(); j++) {
                            if (j != index) {
                                members.get(j).cancel();
                            }
                        }
                    }
                }
                return result;
            }, failure -> {
                failures[index] = failure;
                failed[0]++;
                if (!first.isCalled()) {
                    if (fireOnOneErrback) {
                        first.errback(new FirstErrorException(failure, index));
                    }
                    else if (failed[0] == failures.length) {
                        first.errback(new FailureGroupException(Collections.unmodifiableList(Arrays.asList(failures))));
                    }
                }
                return consumeErrors ? null : failure;
            });
        }
        return first;
    }

    private static void cancelAll(List<? extends Deferred<?>> members) {
        for (Deferred<?> member : members) {
            try {
                member.cancel();
            }
            catch (RuntimeException ex) {
                log.error("Cancelling member {} of a DeferredList failed", member, ex);
            }
        }
    }
}
