/**
 * Chapter 9, authentication: the book's echo server that asks for a login first, checked by the
 * application's Portal against the same Spring Security users as the web endpoint {@code /whoami}.
 */
@NullMarked
package twisted.demo.cred;

import org.jspecify.annotations.NullMarked;
