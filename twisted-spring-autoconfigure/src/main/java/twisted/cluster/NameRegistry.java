package twisted.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

import twisted.defer.Deferred;

/**
 * Names of one kind (nicks, a channel's members), each held by at most one node at a time. A name
 * is held until its node releases it or is lost; a lost node's names are free for a new claim at
 * once (the registry checks the holder's liveness in the same atomic step), and are gone from
 * {@link #entries()} once the loss is noticed.
 *
 * <p>Every operation is atomic on the shared engine and answers on the reactor thread; the
 * Deferreds fail with {@link ClusterUnavailableException} when it cannot be reached.
 *
 * @since 0.1.0
 */
public interface NameRegistry {

    /**
     * Claims a name for this node, unless another live node holds it. Claiming a name this node
     * already holds succeeds and replaces its value.
     *
     * @param name the name, already case-folded as the protocol compares names
     * @param value what the protocol keeps with it (such as {@code nick!user@host})
     * @return fires with {@code true} if this node now holds the name, {@code false} if another does
     */
    Deferred<Boolean> claim(String name, String value);

    /**
     * Releases a name this node holds; a name held by another node is left alone.
     *
     * @param name the name
     * @return fires once released
     */
    Deferred<Void> release(String name);

    /**
     * Who holds a name now.
     *
     * @param name the name
     * @return fires with the entry, or {@code null} if no live node holds it
     */
    Deferred<@Nullable Entry> lookup(String name);

    /**
     * Every name held by a live node.
     *
     * @return fires with the entries, in no particular order
     */
    Deferred<List<Entry>> entries();

    /**
     * A held name.
     *
     * @param name the name
     * @param node the id of the node holding it
     * @param value the value its holder gave
     */
    record Entry(String name, String node, String value) {
    }
}
