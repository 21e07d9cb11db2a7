/**
 * Child processes: the spawner behind {@code Reactor.spawnProcess}, the one place that calls a
 * {@link twisted.internet.process.ProcessProtocol} in Twisted's order, signals, and Twisted's
 * {@code twisted.internet.utils} helpers ({@link twisted.internet.process.ProcessUtils}).
 */
@NullMarked
package twisted.internet.process;

import org.jspecify.annotations.NullMarked;
