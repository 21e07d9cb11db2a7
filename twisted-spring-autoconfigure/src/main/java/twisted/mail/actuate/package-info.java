/**
 * Monitoring of a node's mail store: a health indicator of the PostgreSQL store's connection.
 */
@NullMarked
package twisted.mail.actuate;

import org.jspecify.annotations.NullMarked;
