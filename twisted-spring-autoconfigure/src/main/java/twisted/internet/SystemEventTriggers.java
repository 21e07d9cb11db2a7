package twisted.internet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.defer.DeferredList;
import twisted.time.ReactorTime;

/**
 * The triggers registered with {@link Reactor#addSystemEventTrigger}, and the running of one
 * event's phases: every {@code BEFORE} trigger, waiting (with a bound) for the Deferreds they
 * return, then every {@code DURING}, then every {@code AFTER}. A trigger that throws or fails is
 * logged and the event goes on. For reactor implementations; applications use the
 * {@link Reactor} methods. Not thread-safe: use it on the reactor thread.
 *
 * <p>Twisted: {@code _ThreePhaseEvent}.
 *
 * <p><b>For implementations</b> of the reactor and of the test kit, not for applications: it is
 * public only because those live in other packages.
 *
 * @since 0.1.0
 */
public final class SystemEventTriggers {

    private static final Logger log = LoggerFactory.getLogger(SystemEventTriggers.class);

    private final Map<SystemEvent, Map<TriggerPhase, List<Trigger>>> triggers = new EnumMap<>(SystemEvent.class);

    /**
     * Adds a trigger.
     *
     * @param phase when in the event
     * @param event which event
     * @param trigger what to run
     * @return the identifier to remove it with
     */
    public Object add(TriggerPhase phase, SystemEvent event, Callable<?> trigger) {
        Trigger added = new Trigger(phase, event, Objects.requireNonNull(trigger, "trigger"));
        phaseList(event, phase).add(added);
        return added;
    }

    /**
     * Runs {@code callable} now when the reactor runs, else as an {@code AFTER STARTUP} trigger:
     * the body of {@link Reactor#callWhenRunning}.
     *
     * @param running whether the reactor runs now
     * @param callable what to run
     */
    public void callWhenRunning(boolean running, Runnable callable) {
        if (running) {
            callable.run();
        }
        else {
            add(TriggerPhase.AFTER, SystemEvent.STARTUP, () -> {
                callable.run();
                return null;
            });
        }
    }

    /**
     * Removes a trigger.
     *
     * @param id what {@link #add} returned
     * @throws IllegalArgumentException when no such trigger is registered
     */
    public void remove(Object id) {
        if (!(id instanceof Trigger trigger) || !phaseList(trigger.event, trigger.phase).remove(trigger)) {
            throw new IllegalArgumentException("no such system event trigger: " + id);
        }
    }

    /**
     * Runs one event's three phases and forgets its triggers.
     *
     * @param event the event
     * @param beforeTimeout how long to wait for the {@code BEFORE} triggers' Deferreds
     * @param clock the reactor, for the timeout
     * @return a Deferred that fires once the {@code AFTER} phase has run
     */
    public Deferred<@Nullable Void> fire(SystemEvent event, Duration beforeTimeout, ReactorTime clock) {
        List<Deferred<Object>> waits = new ArrayList<>();
        for (Trigger trigger : take(event, TriggerPhase.BEFORE)) {
            Deferred<Object> result = Deferred.maybeDeferred(trigger.callable);
            waits.add(result.recover(failure -> {
                log.error("{} {} trigger {} failed", TriggerPhase.BEFORE, event, trigger.callable, failure.value());
                return null;
            }));
        }
        Deferred<Object> allBefore = new DeferredList<>(waits).thenApply(ignored -> null);
        allBefore.addTimeout(beforeTimeout, clock);
        return allBefore.recover(failure -> {
            log.warn("{} {} triggers did not finish within {} ms; going on", TriggerPhase.BEFORE, event,
                    beforeTimeout.toMillis());
            return null;
        }).thenApply(ignored -> {
            runAll(event, TriggerPhase.DURING);
            runAll(event, TriggerPhase.AFTER);
            return null;
        });
    }

    private void runAll(SystemEvent event, TriggerPhase phase) {
        for (Trigger trigger : take(event, phase)) {
            Deferred.maybeDeferred(trigger.callable).addErrback(failure -> {
                log.error("{} {} trigger {} failed", phase, event, trigger.callable, failure.value());
                return null;
            });
        }
    }

    private List<Trigger> take(SystemEvent event, TriggerPhase phase) {
        List<Trigger> list = phaseList(event, phase);
        List<Trigger> taken = new ArrayList<>(list);
        list.clear();
        return taken;
    }

    private List<Trigger> phaseList(SystemEvent event, TriggerPhase phase) {
        return this.triggers.computeIfAbsent(event, e -> new EnumMap<>(TriggerPhase.class))
                .computeIfAbsent(phase, p -> new ArrayList<>());
    }

    private record Trigger(TriggerPhase phase, SystemEvent event, Callable<?> callable) {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
