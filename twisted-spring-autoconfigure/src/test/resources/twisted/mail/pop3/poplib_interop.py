"""Drives our POP3 server with Python's poplib, a client nobody here wrote.

Usage: poplib_interop.py HOST PORT CAFILE
Alice has two messages (see POP3InteropTests). Prints INTEROP PASSED at the end; any failure
raises, with a traceback, and exits non-zero.
"""
import poplib
import socket
import ssl
import sys
import time

host, port, cafile = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def step(name):
    print("STEP", name, flush=True)


def login(client, password="s3cret"):
    # the previous session's close may reach the server after this login: retry while [IN-USE]
    for attempt in range(50):
        client.user("alice")
        try:
            return client.pass_(password)
        except poplib.error_proto as e:
            if b"[IN-USE]" not in e.args[0] or attempt == 49:
                raise
            time.sleep(0.1)


step("capa")
p = poplib.POP3(host, port, timeout=10)
print(p.getwelcome())
caps = p.capa()
print(caps)
for cap in ("USER", "TOP", "UIDL", "PIPELINING", "RESP-CODES", "AUTH-RESP-CODE", "STLS", "IMPLEMENTATION"):
    assert cap in caps, cap
assert "PIPELINE" not in caps and "CELERITY" not in caps

step("bad password")
p.user("alice")
try:
    p.pass_("wrong")
    raise AssertionError("a wrong password was accepted")
except poplib.error_proto as e:
    assert e.args[0].startswith(b"-ERR [AUTH]"), e.args

step("login")
print(login(p))
count, size = p.stat()
assert count == 2, count
resp, listing, _ = p.list()
assert len(listing) == 2 and sum(int(line.split()[1]) for line in listing) == size, listing
resp, uids, _ = p.uidl()
assert [u.split()[1] for u in uids] == [b"uid-alice-1", b"uid-alice-2"], uids

step("retr")
resp, lines, octets = p.retr(1)
assert lines == [b"From: bob@example.com", b"Subject: one", b"", b"Hello", b".hidden"], lines
step("top")
resp, lines, _ = p.top(2, 1)
assert lines == [b"Subject: two", b"", b"line 1"], lines

step("dele and quit")
p.dele(1)
try:
    p.retr(1)
    raise AssertionError("a deleted message was retrieved")
except poplib.error_proto as e:
    assert b"deleted" in e.args[0], e.args
print(p.quit())

step("session cut without QUIT")
p = poplib.POP3(host, port, timeout=10)
login(p)
assert p.stat()[0] == 1
p.dele(1)
p.sock.close()
p.file.close()

step("stls")
p = poplib.POP3(host, port, timeout=10)
context = ssl.create_default_context(cafile=cafile)
print(p.stls(context))
assert "STLS" not in p.capa()
login(p)
count, _ = p.stat()
assert count == 1, "the cut session deleted something: %d" % count
resp, uids, _ = p.uidl()
assert [u.split()[1] for u in uids] == [b"uid-alice-2"], uids
print(p.quit())
print("INTEROP PASSED")
