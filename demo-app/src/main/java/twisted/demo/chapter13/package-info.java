/**
 * Chapter 13, mail: the project's SMTP and POP3 clients against the demo's own {@code smtp} and
 * {@code pop3} services (the servers are switched on in {@code application.yml}).
 */
@NullMarked
package twisted.demo.chapter13;

import org.jspecify.annotations.NullMarked;
