package twisted.demo.chapter2;

import java.util.Map;

import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;

/**
 * The book's chat server: one room of users, shared by every connection without a lock, because
 * every connection runs on the reactor's one thread (with more event loops the room would need to
 * be thread-safe). Given a room on a cluster, the room spans every node.
 */
public class ChatFactory extends Factory {

    private final ChatRoom room;

    /** A chat on this node only, as in the book. */
    public ChatFactory() {
        this(new ChatRoom());
    }

    /**
     * A chat in the given room.
     *
     * @param room the room, which may span several nodes
     */
    public ChatFactory(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void startFactory() {
        this.room.open();
    }

    @Override
    public void stopFactory() {
        this.room.close();
    }

    @Override
    public Protocol buildProtocol(Address address) {
        ChatProtocol protocol = new ChatProtocol(this.room);
        protocol.setFactory(this);
        return protocol;
    }

    /**
     * The names of the users in the room on this node, in the order they joined.
     *
     * @return a read-only view; read it on the reactor thread
     */
    public Map<String, ChatProtocol> getUsers() {
        return this.room.localUsers();
    }
}
