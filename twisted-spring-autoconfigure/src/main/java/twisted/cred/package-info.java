/**
 * Authentication the Twisted way: a {@link twisted.cred.Portal} asks a
 * {@link twisted.cred.CredentialsChecker} who the credentials belong to, then a
 * {@link twisted.cred.Realm} for that user's avatar. Spring Security lives in
 * {@code twisted.cred.spring}, never here.
 */
@NullMarked
package twisted.cred;

import org.jspecify.annotations.NullMarked;
