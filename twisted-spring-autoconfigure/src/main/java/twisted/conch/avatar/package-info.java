/**
 * Ready-made SSH avatars: {@link twisted.conch.avatar.CommandUser}, whose shell is the
 * application's line protocol under a terminal line discipline and whose commands are the
 * application's {@link twisted.conch.SSHCommand}s.
 *
 * <p>Twisted: {@code twisted.conch.avatar}.
 */
@NullMarked
package twisted.conch.avatar;

import org.jspecify.annotations.NullMarked;
