/**
 * Spring Boot auto-configuration of the database connection pool.
 */
@NullMarked
package twisted.enterprise.autoconfigure;

import org.jspecify.annotations.NullMarked;
