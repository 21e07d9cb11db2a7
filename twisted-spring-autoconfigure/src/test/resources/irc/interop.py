#!/usr/bin/python3
"""IRC interop script: three clients of Python's `irc` package (Debian's python3-irc, written by
nobody on this project) talk to the IRC server at HOST PORT and check that each sees what the
others do.

    /usr/bin/python3 interop.py HOST PORT [--bob-port PORT] [--carol-port PORT] [--timeout SECONDS]

bob and carol connect to PORT too unless --bob-port or --carol-port says otherwise: with the
ports of different nodes of one IRC network, the same steps check that users on different nodes
see each other as on one server.

Steps (each waits, at most --timeout seconds, for what every client must see):

  register   alice, bob and carol connect (NICK, USER) and each gets 001
  nick taken bob asks for the nick alice and gets 433 (ERR_NICKNAMEINUSE)
  join       alice joins #room first (so she is its operator: @alice in NAMES), then bob and
             carol; alice sees both JOINs, bob sees carol's; bob's NAMES lists @alice
  channel    alice says a line in #room: bob and carol get it from alice; alice gets no echo
  private    alice messages bob: bob gets it; alice and carol do not
  nick       bob becomes bobby: bob(by), alice and carol see NICK bob -> bobby
  topic      alice sets the topic: alice, bobby and carol see TOPIC with the text
  mode +m    alice sets +m on #room: bobby and carol see MODE #room +m
  mode +v    alice gives bobby +v: alice, bobby and carol see MODE #room +v bobby
  mode +o    alice gives carol +o: alice, bobby and carol see MODE #room +o carol
  kick       carol kicks bobby with a reason: alice, bobby and carol see KICK #room bobby reason
  quit       carol quits with a reason: alice sees QUIT from carol holding the reason; bobby,
             no longer sharing a channel with carol, does not

"Does not see" is checked after a barrier: the client sends PING and waits for its PONG, so the
server has handled everything sent before. The script exits 0 when every step passes; otherwise 1,
naming the step and what each client missed. It prints the transcript (every line each client sent
and received) either way. Works with the irc package's old (IRC) and new (Reactor) reactor names.
"""

import argparse
import sys
import time

import irc.client

CHANNEL = "#room"
Reactor = getattr(irc.client, "Reactor", None) or irc.client.IRC


class StepFailed(Exception):
    pass


class Client:
    """One connection: the events it received, in order, and its share of the transcript."""

    def __init__(self, name):
        self.name = name
        self.nick = name
        self.connection = None
        self.events = []

    def seen(self, since=0):
        return self.events[since:]


class Script:
    def __init__(self, host, port, timeout, ports=None):
        self.host = host
        self.port = port
        self.ports = ports or {}
        self.timeout = timeout
        self.reactor = Reactor()
        self.transcript = []
        self.started = time.monotonic()
        self.clients = {name: Client(name) for name in ("alice", "bob", "carol")}
        self.by_connection = {}
        self.step = "start"
        self.barrier_count = 0
        self.reactor.add_global_handler("all_events", self._on_event, -10)
        self.reactor.add_global_handler("all_raw_messages", self._on_raw, -10)

    # -- transcript and events -------------------------------------------------------------

    def _note(self, who, direction, line):
        self.transcript.append("%7.3f %-5s %s %s" % (time.monotonic() - self.started, who, direction, line))

    def _on_raw(self, connection, event):
        client = self.by_connection.get(connection)
        if client is not None:
            self._note(client.name, "<<", event.arguments[0])

    def _on_event(self, connection, event):
        client = self.by_connection.get(connection)
        if client is not None and event.type != "all_raw_messages":
            client.events.append(event)

    def send(self, client, line):
        """Sends a raw line, written to the transcript."""
        self._note(client.name, ">>", line)
        client.connection.send_raw(line)

    # -- waiting ---------------------------------------------------------------------------

    def wait_for(self, expectations):
        """expectations: list of (client, description, predicate(event) -> bool, since index).
        Pumps the reactor until every client has an event its predicate accepts."""
        deadline = time.monotonic() + self.timeout
        while True:
            missing = [(c, d) for (c, d, p, since) in expectations if not any(p(e) for e in c.seen(since))]
            if not missing:
                return
            if time.monotonic() >= deadline:
                raise StepFailed("; ".join("%s did not see %s" % (c.name, d) for c, d in missing)
                                 + " within %g s" % self.timeout)
            self.reactor.process_once(0.05)

    def barrier(self, *clients):
        """Each client sends PING and waits for the PONG: what the server sent it before is in."""
        expectations = []
        for client in clients:
            self.barrier_count += 1
            token = "sync-%d" % self.barrier_count
            since = len(client.events)
            self.send(client, "PING :" + token)
            expectations.append((client, "PONG " + token, self._pong(token), since))
        self.wait_for(expectations)

    def must_not_have_seen(self, client, description, predicate, since):
        bad = [e for e in client.seen(since) if predicate(e)]
        if bad:
            raise StepFailed("%s saw %s but must not: %s %s %s %s" % (
                client.name, description, bad[0].type, bad[0].source, bad[0].target, bad[0].arguments))

    @staticmethod
    def _pong(token):
        return lambda e: e.type == "pong" and token in (list(e.arguments) + [e.target or ""])

    @staticmethod
    def nick_of(event):
        return irc.client.NickMask(event.source).nick if event.source else None

    def marks(self):
        return {name: len(c.events) for name, c in self.clients.items()}

    # -- the steps -------------------------------------------------------------------------

    def run(self):
        alice, bob, carol = self.clients["alice"], self.clients["bob"], self.clients["carol"]

        self.step = "register"
        for client in (alice, bob, carol):
            client.connection = self.reactor.server()
            self.by_connection[client.connection] = client
            port = self.ports.get(client.name) or self.port
            self._note(client.name, ">>", "(connect %s:%d, NICK %s, USER %s)" % (self.host, port, client.name, client.name))
            client.connection.connect(self.host, port, client.name, username=client.name,
                                      ircname="interop " + client.name)
        self.wait_for([(c, "001 (welcome)", lambda e: e.type == "welcome", 0) for c in (alice, bob, carol)])

        self.step = "nick taken"
        m = self.marks()
        self.send(bob, "NICK alice")
        self.wait_for([(bob, "433 for the nick alice",
                        lambda e: e.type == "nicknameinuse" and "alice" in e.arguments, m["bob"])])

        self.step = "join"
        m = self.marks()
        self.send(alice, "JOIN " + CHANNEL)
        self.wait_for([
            (alice, "her own JOIN " + CHANNEL, self._join("alice"), m["alice"]),
            (alice, "NAMES listing her as @alice",
             lambda e: e.type == "namreply" and "@alice" in e.arguments[-1].split(), m["alice"]),
        ])
        m = self.marks()
        self.send(bob, "JOIN " + CHANNEL)
        self.wait_for([(bob, "his own JOIN", self._join("bob"), m["bob"]),
                       (bob, "NAMES listing @alice and bob",
                        lambda e: e.type == "namreply" and {"@alice", "bob"} <= set(e.arguments[-1].split()),
                        m["bob"]),
                       (alice, "bob's JOIN", self._join("bob"), m["alice"])])
        m = self.marks()
        self.send(carol, "JOIN " + CHANNEL)
        self.wait_for([(carol, "her own JOIN", self._join("carol"), m["carol"]),
                       (alice, "carol's JOIN", self._join("carol"), m["alice"]),
                       (bob, "carol's JOIN", self._join("carol"), m["bob"])])

        self.step = "channel"
        text = "hello room, \u00e7a va? \u2603"
        m = self.marks()
        self.send(alice, "PRIVMSG %s :%s" % (CHANNEL, text))
        said = lambda e: (e.type == "pubmsg" and self.nick_of(e) == "alice" and e.target.lower() == CHANNEL
                          and e.arguments == [text])
        self.wait_for([(bob, "alice's channel message", said, m["bob"]),
                       (carol, "alice's channel message", said, m["carol"])])
        self.barrier(alice)
        self.must_not_have_seen(alice, "her own channel message echoed", said, m["alice"])

        self.step = "private"
        text = "psst bob, just for you"
        m = self.marks()
        self.send(alice, "PRIVMSG bob :" + text)
        whispered = lambda e: e.type in ("privmsg", "pubmsg") and e.arguments == [text]
        self.wait_for([(bob, "alice's private message",
                        lambda e: whispered(e) and e.type == "privmsg" and self.nick_of(e) == "alice"
                        and e.target.lower() == "bob", m["bob"])])
        self.barrier(alice, carol)
        self.must_not_have_seen(alice, "the private message", whispered, m["alice"])
        self.must_not_have_seen(carol, "the private message", whispered, m["carol"])

        self.step = "nick"
        m = self.marks()
        self.send(bob, "NICK bobby")
        renamed = lambda e: e.type == "nick" and self.nick_of(e) == "bob" and e.target == "bobby"
        self.wait_for([(bob, "his own NICK bob -> bobby", renamed, m["bob"]),
                       (alice, "NICK bob -> bobby", renamed, m["alice"]),
                       (carol, "NICK bob -> bobby", renamed, m["carol"])])
        bob.nick = "bobby"

        self.step = "topic"
        text = "Plans for today: interop"
        m = self.marks()
        self.send(alice, "TOPIC %s :%s" % (CHANNEL, text))
        topic = lambda e: (e.type == "topic" and self.nick_of(e) == "alice" and e.target.lower() == CHANNEL
                           and e.arguments == [text])
        self.wait_for([(c, "TOPIC %s by alice" % CHANNEL, topic, m[c.name]) for c in (alice, bob, carol)])

        for change, args, step in (("+m", [], "mode +m"), ("+v", ["bobby"], "mode +v"), ("+o", ["carol"], "mode +o")):
            self.step = step
            m = self.marks()
            self.send(alice, " ".join(["MODE", CHANNEL, change] + args))
            moded = self._mode(change, args)
            self.wait_for([(c, "MODE %s %s by alice" % (CHANNEL, " ".join([change] + args)), moded, m[c.name])
                           for c in (alice, bob, carol)])

        self.step = "kick"
        reason = "sorry bobby, testing kicks"
        m = self.marks()
        self.send(carol, "KICK %s bobby :%s" % (CHANNEL, reason))
        kicked = lambda e: (e.type == "kick" and self.nick_of(e) == "carol" and e.target.lower() == CHANNEL
                            and e.arguments[:1] == ["bobby"] and reason in e.arguments[1:])
        self.wait_for([(c, "KICK %s bobby by carol with the reason" % CHANNEL, kicked, m[c.name])
                       for c in (alice, bob, carol)])

        self.step = "quit"
        reason = "carol signing off"
        m = self.marks()
        self.send(carol, "QUIT :" + reason)
        quitted = lambda e: e.type == "quit" and self.nick_of(e) == "carol" and any(reason in a for a in e.arguments)
        self.wait_for([(alice, "QUIT from carol with the reason '%s'" % reason, quitted, m["alice"])])
        self.barrier(bob)
        self.must_not_have_seen(bob, "carol's QUIT (he shares no channel with her since the kick)",
                                lambda e: e.type == "quit", m["bob"])

        self.step = "done"
        for client in (alice, bob):
            self.send(client, "QUIT :done")
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline:
            self.reactor.process_once(0.05)

    @staticmethod
    def _join(nick):
        return lambda e: (e.type == "join" and Script.nick_of(e) == nick and (e.target or "").lower() == CHANNEL)

    @staticmethod
    def _mode(change, args):
        return lambda e: (e.type == "mode" and Script.nick_of(e) == "alice" and (e.target or "").lower() == CHANNEL
                          and list(e.arguments) == [change] + args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--bob-port", type=int, help="the port bob connects to (PORT)")
    parser.add_argument("--carol-port", type=int, help="the port carol connects to (PORT)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds each step may wait (10)")
    options = parser.parse_args()
    script = Script(options.host, options.port, options.timeout,
                    {"bob": options.bob_port, "carol": options.carol_port})
    failure = None
    try:
        script.run()
    except StepFailed as ex:
        failure = "step '%s' failed: %s" % (script.step, ex)
    except Exception as ex:  # a connection refused, a library error: still name the step
        failure = "step '%s' failed: %s: %s" % (script.step, type(ex).__name__, ex)
    print("transcript:")
    for line in script.transcript:
        print("  " + line)
    if failure:
        print("INTEROP FAILED: " + failure)
        sys.exit(1)
    print("INTEROP PASSED: register, nick taken, join, channel, private, nick, topic, mode +m/+v/+o, kick, quit")


if __name__ == "__main__":
    main()
