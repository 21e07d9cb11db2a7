/**
 * Several identical nodes behind a TCP load balancer: a {@link twisted.cluster.Cluster} is one
 * node's view of the others. It carries messages between nodes ({@link Cluster#publish},
 * {@link Cluster#subscribe}), registers names that no two nodes may hold at once
 * ({@link NameRegistry}), and tells each node when another one is gone ({@link Cluster#onNodeLost}).
 * Protocols that keep shared state (the chat room, IRC's nicks and channels) use it when the
 * application has one; without one they run on their own node exactly as before.
 *
 * <p>The Redis implementation is {@code twisted.cluster.redis}; {@code twisted.testing.MemoryCluster}
 * is an in-memory one for tests. Twisted has no equivalent: it leaves several processes to the user.
 */
@NullMarked
package twisted.cluster;

import org.jspecify.annotations.NullMarked;
