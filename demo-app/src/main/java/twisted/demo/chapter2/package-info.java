/**
 * The book's chapter 2 examples, written on the framework exactly as the book writes them in
 * Python: the echo and quote clients and servers, and the chat server. The servers are also the
 * built-in {@code echo}, {@code quote} and {@code chat} services. Echo and quote are plain
 * {@code Protocol}s that take whatever bytes arrive, so any client works; chat is a
 * {@code LineReceiver} with the book's (and Twisted's) {@code \r\n} delimiter, so it needs
 * {@code telnet} or {@code nc -C}.
 */
@NullMarked
package twisted.demo.chapter2;

import org.jspecify.annotations.NullMarked;
