package twisted.application.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One meter a service reports through its {@link ServiceMonitor}: a monotonic count (Micrometer's
 * {@code FunctionCounter}) or a current value (a {@code Gauge}), read from the supplier whenever
 * Micrometer asks, on its thread. The starter adds the tag {@code service} with the service's name.
 *
 * @param name the meter's name, such as {@code twisted.irc.messages.relayed}
 * @param description what it counts, for humans
 * @param kind a count that only grows, or a value that goes up and down
 * @param tags more tags, such as {@code reason}; read-only
 * @param value reads the current value; safe from any thread
 * @since 0.1.0
 */
public record ServiceMeter(String name, String description, Kind kind, Map<String, String> tags, LongSupplier value) {

    /** What kind of number a meter is. */
    public enum Kind {
        /** A count that only grows: messages relayed, clients refused. */
        COUNTER,
        /** A value that goes up and down: users connected, channels open. */
        GAUGE
    }

    /**
     * Copies the tags.
     */
    public ServiceMeter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(value, "value");
    }

    /**
     * A count that only grows.
     *
     * @param name the meter's name
     * @param description what it counts
     * @param value reads it
     * @return the meter
     */
    public static ServiceMeter counter(String name, String description, LongSupplier value) {
        return new ServiceMeter(name, description, Kind.COUNTER, Map.of(), value);
    }

    /**
     * A value that goes up and down.
     *
     * @param name the meter's name
     * @param description what it measures
     * @param value reads it
     * @return the meter
     */
    public static ServiceMeter gauge(String name, String description, LongSupplier value) {
        return new ServiceMeter(name, description, Kind.GAUGE, Map.of(), value);
    }

    /**
     * The same meter with one more tag.
     *
     * @param key the tag's name
     * @param tagValue its value
     * @return a new meter
     */
    public ServiceMeter tag(String key, String tagValue) {
        Map<String, String> more = new LinkedHashMap<>(this.tags);
        more.put(key, tagValue);
        return new ServiceMeter(this.name, this.description, this.kind, more, this.value);
    }
}
