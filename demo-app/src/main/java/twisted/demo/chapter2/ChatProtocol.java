package twisted.demo.chapter2;

import java.util.Map;

import org.jspecify.annotations.Nullable;
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

    private final Map<String, ChatProtocol> users;

    private @Nullable String name;

    private State state = State.REGISTER;

    /**
     * Creates the protocol.
     *
     * @param users the room, shared with every other connection
     */
    public ChatProtocol(Map<String, ChatProtocol> users) {
        this.users = users;
    }

    @Override
    public void connectionMade() {
        sendLine("What's your name?");
    }

    @Override
    public void connectionLost(Failure reason) {
        if (this.name != null && this.users.get(this.name) == this) {
            this.users.remove(this.name);
            broadcastMessage(this.name + " has left the channel" + (notReading(reason) ? " (disconnected: not reading)." : "."));
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
        if (this.users.containsKey(name)) {
            sendLine("Name taken, please choose another.");
            return;
        }
        sendLine("Welcome, " + name + "!");
        broadcastMessage(name + " has joined the channel.");
        this.name = name;
        this.users.put(name, this);
        this.state = State.CHAT;
    }

    private void handleChat(String message) {
        broadcastMessage("<" + this.name + "> " + message);
    }

    private void broadcastMessage(String message) {
        for (ChatProtocol user : this.users.values()) {
            if (user != this) {
                user.sendLine(message);
            }
        }
    }

    @Override
    public String logPrefix() {
        return (this.name != null) ? "Chat(" + this.name + ")" : "Chat";
    }
}
