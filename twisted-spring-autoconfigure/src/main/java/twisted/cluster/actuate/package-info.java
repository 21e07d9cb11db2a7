/**
 * Monitoring of a node's cluster: a health indicator of its bus and Micrometer meters of the
 * messages crossing nodes, the nodes and the bus's lag.
 */
@NullMarked
package twisted.cluster.actuate;

import org.jspecify.annotations.NullMarked;
