/**
 * Checkers for SSH logins: public keys from {@code authorized_keys} files, from properties, or
 * from the application's user store, checked with their signatures. Passwords need nothing here:
 * the portal's Spring Security checker takes them, for SSH as for every protocol.
 *
 * <p>Twisted: {@code twisted.conch.checkers}.
 */
@NullMarked
package twisted.conch.checkers;

import org.jspecify.annotations.NullMarked;
