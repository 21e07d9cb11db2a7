/**
 * Deferreds: Twisted's callback chains for results that come later, with bridges to
 * {@code CompletionStage} and Reactor's {@code Mono}.
 */
@NullMarked
package twisted.defer;

import org.jspecify.annotations.NullMarked;
