package twisted.demo.chapter2;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.error.ConnectionAbortedException;
import twisted.protocols.basic.LineReceiver;

/**
 * One chat user, as the book writes it: a state machine that first asks for a name
 * ({@code REGISTER}), then relays every line to the others ({@code CHAT}).
 *
 * <pre>
 * S: What's your name?
 * C: alice
 * S: Welcome, alice!          (the others get: alice has joined the channel.)
 * C: hello                    (the others get: &lt;alice&gt; hello)
 * </pre>
 *
 * <p>A user who stops reading is disconnected, not skipped. Lines for them wait in their
 * connection's outgoing buffer, so a reader who is only slow loses nothing; the buffer is bounded
 * by the service's {@code write-buffer-limit} (4 MiB by default), and a line that would take it
 * past the limit aborts that user's connection instead (the server logs it once and counts it in
 * {@code twisted.connections.aborted}). The others keep chatting and are told
 * {@code bob has left the channel (disconnected: not reading).} A chat that wanted to drop lines
 * for a slow reader instead would skip a user whose {@code transport.isWritable()} is false.
 *
 * <p>Lines end with {@code \r\n}, {@code LineReceiver}'s default, exactly as in the book (which
 * uses {@code telnet}): connect with {@code telnet} or {@code nc -C}; plain {@code nc} sends
 * {@code \n} and its lines never arrive.
 */
public class ChatProtocol extends LineReceiver {

    private enum State {
        REGISTER, CHAT
    }

    private final ChatRoom room;

    private @Nullable String name;

    private State state = State.REGISTER;

    private boolean gone;

    /**
     * Creates the protocol.
     *
     * @param room the room, shared with every other connection (and, in a cluster, every node)
     */
    public ChatProtocol(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void connectionMade() {
        sendLine("What's your name?");
    }

    @Override
    public void connectionLost(Failure reason) {
        this.gone = true;
        if (this.name != null) {
            this.room.leave(this.name, this,
                    this.name + " has left the channel" + (notReading(reason) ? " (disconnected: not reading)." : "."));
        }
    }

    private static boolean notReading(Failure reason) {
        return reason.value() instanceof ConnectionAbortedException aborted
                && aborted.getReason() == ConnectionAbortedException.Reason.WRITE_BUFFER_LIMIT;
    }

    @Override
    public void lineReceived(String line) {
        if (this.state == State.REGISTER) {
            handleRegister(line);
        }
        else {
            handleChat(line);
        }
    }

    private void handleRegister(String name) {
        Deferred<Boolean> joined = this.room.join(name, this);
        if (!joined.isCalled()) {
            // With a cluster the other nodes answer later: no line is read until then.
            pauseProducing();
        }
        joined.addCallbacks(ok -> {
            if (ok) {
                sendLine("Welcome, " + name + "!");
                this.name = name;
                this.state = State.CHAT;
            }
            else {
                sendLine("Name taken, please choose another.");
            }
            return null;
        }, failure -> {
            sendLine("The chat cannot check names right now, please try again.");
            return null;
        }).addBoth(ignored -> {
            if (isPaused() && !this.gone) {
                resumeProducing();
            }
            return null;
        });
    }

    private void handleChat(String message) {
        this.room.say(this, "<" + this.name + "> " + message);
    }

    /**
     * The name this user chose, once in the room.
     *
     * @return the name, or {@code null} before
     */
    public @Nullable String getName() {
        return this.name;
    }

    boolean isGone() {
        return this.gone;
    }

    @Override
    public String logPrefix() {
        return (this.name != null) ? "Chat(" + this.name + ")" : "Chat";
    }
}
