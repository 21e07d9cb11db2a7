/**
 * The {@link twisted.cluster.Cluster} on Redis, through Spring Data Redis's reactive API: the bus on
 * Redis pub/sub, the name registry and node liveness in Lua scripts run atomically by Redis, and a
 * {@link twisted.cred.LoginFailureStore} so that every node counts the same failed logins.
 * {@code twisted.cluster.autoconfigure} builds it from {@code twisted.cluster.*} when
 * {@code twisted.cluster.redis.enabled=true}.
 */
@NullMarked
package twisted.cluster.redis;

import org.jspecify.annotations.NullMarked;
