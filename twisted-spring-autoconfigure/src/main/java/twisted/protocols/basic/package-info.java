/**
 * Framing receivers that turn a connection's arbitrary chunks of bytes into whole messages: lines,
 * length-prefixed strings and netstrings.
 */
@NullMarked
package twisted.protocols.basic;

import org.jspecify.annotations.NullMarked;
