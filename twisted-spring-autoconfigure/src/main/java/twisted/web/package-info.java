/**
 * Deferred-aware WebFlux support, and Twisted's resource trees served inside WebFlux: a
 * {@link twisted.web.Resource} tree mounted by {@link twisted.web.ResourceHandler} renders
 * {@link twisted.web.Request}s on the reactor thread; {@link twisted.web.File} serves a directory.
 * What a resource sees follows Twisted: path segments percent-decoded, an argument without a value
 * the empty string, every body read within one size limit.
 */
@NullMarked
package twisted.web;

import org.jspecify.annotations.NullMarked;
