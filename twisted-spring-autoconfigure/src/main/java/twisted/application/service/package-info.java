/**
 * Services: named things that start and stop, and trees of them. Twisted: {@code
 * twisted.application.service}.
 */
@NullMarked
package twisted.application.service;

import org.jspecify.annotations.NullMarked;
