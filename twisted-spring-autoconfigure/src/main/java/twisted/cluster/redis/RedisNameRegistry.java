package twisted.cluster.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.cluster.NameRegistry;
import twisted.defer.Deferred;
import twisted.protocols.basic.Utf8;

/**
 * One namespace of names in the hash {@code <prefix>names:<namespace>}, each operation one Lua
 * script (see {@link RedisScripts}), so that a claim, its holder's liveness check and the
 * bookkeeping of the holder's names happen in one atomic step.
 */
final class RedisNameRegistry implements NameRegistry {

    private static final Logger log = LoggerFactory.getLogger(RedisNameRegistry.class);

    private final RedisCluster cluster;

    private final String namespace;

    RedisNameRegistry(RedisCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    @Override
    public Deferred<Boolean> claim(String name, String value) {
        requireName(name);
        Objects.requireNonNull(value, "value");
        int size = Utf8.encodedLength(name) + Utf8.encodedLength(value);
        int max = this.cluster.settings().maxMessageSize();
        if (size > max) {
            return Deferred.fail(new IllegalArgumentException("name and value (" + size
                    + " bytes) exceed the bus's maximum (" + max + " bytes, twisted.cluster.max-message-size)"));
        }
        String me = this.cluster.nodeId();
        Deferred<Long> claimed = this.cluster.commands().run(RedisScripts.CLAIM, keys(me),
                List.of(this.cluster.prefix(), this.namespace, name, me, value), "claim of " + this.namespace);
        return claimed.thenApply(answer -> Long.valueOf(1).equals(answer));
    }

    @Override
    public Deferred<Void> release(String name) {
        requireName(name);
        String me = this.cluster.nodeId();
        Deferred<Long> released = this.cluster.commands().run(RedisScripts.RELEASE, keys(me),
                List.of(this.cluster.prefix(), this.namespace, name, me), "release of " + this.namespace);
        return released.thenApply(answer -> null);
    }

    @Override
    public Deferred<@Nullable Entry> lookup(String name) {
        requireName(name);
        Deferred<@Nullable String> held = this.cluster.commands().run(RedisScripts.LOOKUP,
                List.of(this.cluster.namesKey(this.namespace)), List.of(this.cluster.prefix(), name),
                "lookup in " + this.namespace);
        return held.thenApply(value -> (value != null) ? entry(name, value) : null);
    }

    @Override
    public Deferred<List<Entry>> entries() {
        Deferred<List<String>> all = this.cluster.commands().run(RedisScripts.ENTRIES,
                List.of(this.cluster.namesKey(this.namespace)), List.of(this.cluster.prefix()),
                "entries of " + this.namespace);
        return all.thenApply(flat -> {
            List<Entry> entries = new ArrayList<>(flat.size() / 2);
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                Entry entry = entry(flat.get(i), flat.get(i + 1));
                if (entry != null) {
                    entries.add(entry);
                }
            }
            return entries;
        });
    }

    private List<String> keys(String node) {
        return List.of(this.cluster.namesKey(this.namespace), this.cluster.heldKey(node));
    }

    /** Reads {@code node\nvalue}; what Redis gives is input too. */
    private @Nullable Entry entry(String name, String held) {
        int cut = held.indexOf('\n');
        if (cut < 1) {
            log.warn("Ignored a malformed entry for {} in {}", name, this.cluster.namesKey(this.namespace));
            return null;
        }
        return new Entry(name, held.substring(0, cut), held.substring(cut + 1));
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
    }
}
