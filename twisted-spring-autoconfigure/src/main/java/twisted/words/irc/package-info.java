/**
 * IRC: the message model and parser shared by both sides, the {@code IRCClient} a bot is written
 * on, and (in {@code server}) a daemon that real IRC clients use. Twisted:
 * {@code twisted.words.protocols.irc} and {@code twisted.words.service}.
 */
@NullMarked
package twisted.words.irc;

import org.jspecify.annotations.NullMarked;
