/**
 * Deferred-aware WebFlux support.
 */
@NullMarked
package twisted.web;

import org.jspecify.annotations.NullMarked;
