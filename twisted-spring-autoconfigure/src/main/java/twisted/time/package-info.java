/**
 * The time contract: scheduling a call for later ({@link twisted.time.ReactorTime}, {@link
 * twisted.time.DelayedCall}), which the reactor, the test {@code Clock} and {@code
 * Deferred.addTimeout} share. Twisted: {@code IReactorTime} and {@code IDelayedCall}.
 */
@NullMarked
package twisted.time;

import org.jspecify.annotations.NullMarked;
