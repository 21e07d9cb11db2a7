/**
 * The administrative shell (Twisted's {@code twisted.conch.manhole}): a JShell read-eval-print
 * loop that runs inside the application, with live objects such as the Spring beans in scope,
 * served as a {@link twisted.internet.Protocol} over any line-oriented transport (an SSH session
 * through the line discipline, or a socket in tests). Every snippet is audit-logged. It gives
 * whoever logs in the full power of the JVM: serve it only to administrators, over SSH.
 */
@NullMarked
package twisted.conch.manhole;

import org.jspecify.annotations.NullMarked;
