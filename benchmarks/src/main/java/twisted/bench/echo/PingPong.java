package twisted.bench.echo;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One load connection: sends the message, waits until as many bytes have come back, records the
 * round trip, sends the next. The first echo is checked byte for byte; later ones are counted.
 * Runs on the load tool's single event loop.
 */
final class PingPong extends ChannelInboundHandlerAdapter {

    private final ByteBuf message;

    private final int size;

    private final Recorder recorder;

    private final byte[] firstEcho;

    private boolean checked;

    private int received;

    private long sentAt;

    PingPong(ByteBuf message, Recorder recorder) {
        this.message = message;
        this.size = message.readableBytes();
        this.recorder = recorder;
        this.firstEcho = new byte[this.size];
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            int length = buf.readableBytes();
            if (this.received + length > this.size) {
                System.err.println("echo too long: " + (this.received + length) + " bytes for a " + this.size
                        + "-byte message");
                this.recorder.failed();
                ctx.close();
                return;
            }
            if (!this.checked) {
                buf.getBytes(buf.readerIndex(), this.firstEcho, this.received, length);
            }
            this.received += length;
        }
        finally {
            buf.release();
        }
        if (this.received == this.size) {
            long now = System.nanoTime();
            if (!this.checked) {
                check();
            }
            this.recorder.record(now - this.sentAt);
            this.received = 0;
            send(ctx);
        }
    }

    private void check() {
        this.checked = true;
        for (int i = 0; i < this.size; i++) {
            if (this.firstEcho[i] != this.message.getByte(this.message.readerIndex() + i)) {
                System.err.println("echo differs from the message at byte " + i);
                this.recorder.failed();
                return;
            }
        }
    }

    private void send(ChannelHandlerContext ctx) {
        this.sentAt = System.nanoTime();
        ctx.writeAndFlush(this.message.retainedDuplicate(), ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!this.recorder.isClosing()) {
            System.err.println("load connection closed by the server before the end of the run");
            this.recorder.failed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!this.recorder.isClosing()) {
            System.err.println("load connection failed: " + cause);
            this.recorder.failed();
        }
        ctx.close();
    }
}
