/**
 * The SSH services switched on in {@code application.yml}: {@code ssh} (Twisted's
 * {@code twistd conch}) and {@code manhole} (Twisted's {@code twistd manhole}), and their options.
 */
@NullMarked
package twisted.conch.tap;

import org.jspecify.annotations.NullMarked;
