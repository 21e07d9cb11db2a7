/**
 * A terminal's line discipline for interactive SSH shells: local echo, line editing and history in
 * front of any line-based protocol of the library. Twisted: {@code twisted.conch.recvline} and the
 * parts of {@code twisted.conch.insults} it needs.
 */
@NullMarked
package twisted.conch.recvline;

import org.jspecify.annotations.NullMarked;
