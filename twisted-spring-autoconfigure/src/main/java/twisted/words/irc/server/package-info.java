/**
 * An IRC daemon that real IRC clients use: registration with IRCv3 capability negotiation,
 * channels and their modes, private messages, operators, logins through a {@code Portal}, and the
 * limits a public server needs (flood control, timeouts, a bound on what a slow reader may make the
 * server queue). Twisted: {@code twisted.words.service}.
 */
@NullMarked
package twisted.words.irc.server;

import org.jspecify.annotations.NullMarked;
