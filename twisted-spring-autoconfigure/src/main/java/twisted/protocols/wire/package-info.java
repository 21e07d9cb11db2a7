/**
 * The simplest protocols of all, from Twisted's {@code twisted.protocols.wire}.
 */
@NullMarked
package twisted.protocols.wire;

import org.jspecify.annotations.NullMarked;
