/**
 * The bridge from {@code twisted.cred} to Spring Security: credentials checkers backed by a
 * {@code ReactiveAuthenticationManager}, a {@code ReactiveUserDetailsService} or a password file
 * hashed with a {@code PasswordEncoder}. The only {@code twisted.cred} package that imports Spring
 * Security.
 */
@NullMarked
package twisted.cred.spring;

import org.jspecify.annotations.NullMarked;
