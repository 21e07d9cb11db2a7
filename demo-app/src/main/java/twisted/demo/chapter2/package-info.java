/**
 * The book's chapter 2 examples, written on the framework exactly as the book writes them in
 * Python: the echo and quote clients and servers, and the chat server. The servers are also the
 * built-in {@code echo}, {@code quote} and {@code chat} services.
 */
@NullMarked
package twisted.demo.chapter2;

import org.jspecify.annotations.NullMarked;
