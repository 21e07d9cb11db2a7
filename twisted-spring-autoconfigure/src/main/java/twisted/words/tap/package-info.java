/**
 * The IRC server as a service: Twisted's {@code twistd words}, switched on with
 * {@code twisted.services.irc.enabled=true} and configured under
 * {@code twisted.services.irc.options.*}. Twisted: {@code twisted.words.tap}.
 */
@NullMarked
package twisted.words.tap;

import org.jspecify.annotations.NullMarked;
