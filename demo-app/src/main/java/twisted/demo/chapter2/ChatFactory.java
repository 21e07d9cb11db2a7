package twisted.demo.chapter2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;

/**
 * The book's chat server: a plain map of the users in the room, shared by every connection
 * without a lock, because every connection runs on the reactor's one thread (with more event
 * loops this map would need to be thread-safe).
 */
public class ChatFactory extends Factory {

    private final Map<String, ChatProtocol> users = new LinkedHashMap<>();

    @Override
    public Protocol buildProtocol(Address address) {
        ChatProtocol protocol = new ChatProtocol(this.users);
        protocol.setFactory(this);
        return protocol;
    }

    /**
     * The names of the users in the room, in the order they joined.
     *
     * @return a read-only view; read it on the reactor thread
     */
    public Map<String, ChatProtocol> getUsers() {
        return Collections.unmodifiableMap(this.users);
    }
}
