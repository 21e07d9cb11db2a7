/**
 * SSH for Twisted applications (chapter 14): an SSH server whose shells and commands are Twisted
 * protocols, logins through the application's portal, an administrative JShell, and an SSH
 * client. {@link twisted.conch.ConchUser} is the avatar a realm gives an SSH user.
 *
 * <p>Twisted: {@code twisted.conch}.
 */
@NullMarked
package twisted.conch;

import org.jspecify.annotations.NullMarked;
