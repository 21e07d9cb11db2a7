/**
 * The services an application runs, bound to a Spring application context: the registry, the
 * lifecycle that starts them, the event published once they listen.
 */
@NullMarked
package twisted.application.context;

import org.jspecify.annotations.NullMarked;
