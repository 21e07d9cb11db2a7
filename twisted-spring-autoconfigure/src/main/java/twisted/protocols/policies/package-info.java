/**
 * Reusable connection policies, such as closing idle connections. Twisted:
 * {@code twisted.protocols.policies}.
 */
@NullMarked
package twisted.protocols.policies;

import org.jspecify.annotations.NullMarked;
