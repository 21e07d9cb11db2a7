/**
 * Service plugins: a {@link twisted.application.ServiceMaker} builds a named service from its
 * options, as {@code twistd NAME} does. Services themselves are in
 * {@link twisted.application.service}, the network ones in {@link twisted.application.internet}.
 */
@NullMarked
package twisted.application;

import org.jspecify.annotations.NullMarked;
