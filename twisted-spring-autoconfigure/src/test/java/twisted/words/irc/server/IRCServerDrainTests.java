package twisted.words.irc.server;

import org.junit.jupiter.api.Test;

import twisted.internet.ShutdownNotice;
import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IRC server when its service drains ({@link IRCUser#drainStarted()}): registered clients
 * get a {@code NOTICE} and stay connected, with their channels, until they leave or the drain
 * ends ({@link IRCUser#serviceStopping()}: {@code ERROR :Closing Link}, as before).
 */
class IRCServerDrainTests {

    private final ServerFixture fixture = new ServerFixture();

    @Test
    void registeredClientsGetANoticeAndStayConnected() {
        Client alice = this.fixture.register("alice");
        Client bob = this.fixture.register("bob");
        alice.send("JOIN #room");
        bob.send("JOIN #room");
        alice.take();
        bob.take();
        Client unregistered = this.fixture.connect();
        for (Client client : new Client[] { alice, bob, unregistered }) {
            ((ShutdownNotice) client.protocol).drainStarted();
        }
        assertThat(alice.take()).containsExactly(":irc.local NOTICE alice :*** Server shutting down, please reconnect");
        assertThat(bob.take()).containsExactly(":irc.local NOTICE bob :*** Server shutting down, please reconnect");
        assertThat(unregistered.take()).as("no nick to address yet").isEmpty();
        assertThat(alice.closed() || bob.closed() || unregistered.closed()).isFalse();
        alice.send("PRIVMSG #room :moving to another server");
        assertThat(bob.take()).containsExactly(":alice!~alice@192.168.1.1 PRIVMSG #room :moving to another server");
    }

    @Test
    void theEndOfTheDrainClosesWithErrorAsBefore() {
        Client alice = this.fixture.register("alice");
        ShutdownNotice notice = (ShutdownNotice) alice.protocol;
        notice.drainStarted();
        alice.take();
        notice.serviceStopping();
        assertThat(alice.take()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("ERROR :Closing Link: ").endsWith("(Server shutting down)"));
        assertThat(alice.closed()).isTrue();
        notice.drainStarted();
        assertThat(alice.take()).as("nothing once closed").isEmpty();
    }
}
