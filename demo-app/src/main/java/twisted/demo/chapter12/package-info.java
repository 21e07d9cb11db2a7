/**
 * Chapter 12, Twisted Words: the book's IRC bot, an {@code IRCClient} that logs its channel and
 * echoes what is said to it, connected by a reconnecting {@code ClientService} to the demo's own
 * IRC server (the library's {@code irc} service, switched on in {@code application.yml}).
 */
@NullMarked
package twisted.demo.chapter12;

import org.jspecify.annotations.NullMarked;
