/**
 * Time-based helpers built on {@link twisted.time.ReactorTime}: repeating calls, delayed
 * results and cooperative time-slicing of long iterations. Twisted: {@code twisted.internet.task}.
 */
@NullMarked
package twisted.internet.task;

import org.jspecify.annotations.NullMarked;
