/**
 * Actuator endpoint, health and metrics for the reactor and its services.
 */
@NullMarked
package twisted.application.actuate;

import org.jspecify.annotations.NullMarked;
