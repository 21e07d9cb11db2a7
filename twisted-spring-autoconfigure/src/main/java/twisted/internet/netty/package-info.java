/**
 * The reactor on Netty: the only package that imports {@code io.netty}. Protocols never see a
 * {@code ByteBuf}; the transport copies bytes out and releases the buffers.
 */
@NullMarked
package twisted.internet.netty;

import org.jspecify.annotations.NullMarked;
