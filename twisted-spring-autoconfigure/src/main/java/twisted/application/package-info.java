/**
 * Services: named things that start and stop, composed into a tree, as twistd runs them.
 */
@NullMarked
package twisted.application;

import org.jspecify.annotations.NullMarked;
