/**
 * Chapter 14, SSH: the book's command shell served by the {@code ssh} service (logins are
 * Spring Security's users), commands for {@code ssh host COMMAND}, and the administrative JShell
 * ({@code manhole}); the services are switched on in {@code application.yml}.
 */
@NullMarked
package twisted.demo.chapter14;

import org.jspecify.annotations.NullMarked;
