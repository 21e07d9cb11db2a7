/**
 * Spring Boot auto-configuration of {@code twisted.cluster}: the cluster on Redis, switched on by
 * {@code twisted.cluster.redis.enabled}, its lifecycle between the reactor's and the services', and
 * its monitoring, configured under {@code twisted.cluster}.
 */
@NullMarked
package twisted.cluster.autoconfigure;

import org.jspecify.annotations.NullMarked;
