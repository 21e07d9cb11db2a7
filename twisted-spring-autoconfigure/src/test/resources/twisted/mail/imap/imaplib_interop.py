"""Drives our IMAP4rev1 server with Python's imaplib, a client nobody here wrote.

Usage: imaplib_interop.py session|refusals HOST PORT CAFILE MESSAGES
MESSAGES is a directory holding 1.eml, 2.eml (delivered to alice's INBOX before the script starts)
and 3.eml (delivered by the test when the script prints WAITING FOR DELIVERY), byte for byte as
the server must give them back (see IMAPInteropTests). Prints one "OK name" line per check and
INTEROP PASSED at the end; the first failure raises, with a traceback, and exits non-zero.
"""
import datetime
import imaplib
import os
import re
import ssl
import sys
import time

mode, host, port, cafile, messages = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]


def message(n):
    with open(os.path.join(messages, "%d.eml" % n), "rb") as f:
        return f.read()


def ok(name):
    print("OK", name, flush=True)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def expect_ok(result, what):
    typ, data = result
    check(typ == "OK", "%s: %s %r" % (what, typ, data))
    return data


def search(client, *criteria, charset=None):
    data = expect_ok(client.search(charset, *criteria), "SEARCH %r" % (criteria,))
    return data[0].split()


def connect_tls():
    client = imaplib.IMAP4(host, port, timeout=10)
    check("STARTTLS" in client.capabilities, "STARTTLS offered: %r" % (client.capabilities,))
    expect_ok(client.starttls(ssl.create_default_context(cafile=cafile)), "STARTTLS")
    return client


def imap_date(days):
    when = datetime.date.today() + datetime.timedelta(days=days)
    return "%d-%s-%d" % (when.day, ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                    "Dec"][when.month - 1], when.year)


def fetch_parts(data):
    """Flattens a FETCH response into (text outside literals, {prefix ending before a literal: literal})."""
    text, literals = b"", {}
    for item in data:
        if isinstance(item, tuple):
            prefix, literal = item
            text += prefix
            name = re.search(rb"[ (](BODY\[[^\]]*\](?:<\d+>)?|[^\s(]+) \{\d+\}$", prefix)
            check(name is not None, "a literal's prefix: %r" % (prefix,))
            literals[name.group(1)] = literal
        else:
            text += item
    return text, literals


def session():
    client = connect_tls()
    check("LOGINDISABLED" not in client.capabilities and "STARTTLS" not in client.capabilities,
          "capabilities after STARTTLS: %r" % (client.capabilities,))
    ok("starttls with the certificate verified")
    expect_ok(client.login("alice", "s3cret"), "LOGIN")
    ok("login")

    caps = expect_ok(client.capability(), "CAPABILITY")[0].split()
    for cap in (b"IMAP4rev1", b"IDLE", b"UIDPLUS", b"MOVE", b"NAMESPACE", b"UNSELECT", b"LITERAL+", b"CHILDREN"):
        check(cap in caps, "%r in %r" % (cap, caps))
    check(b"STARTTLS" not in caps and b"LOGINDISABLED" not in caps, caps)
    ok("capability")

    listing = expect_ok(client.list(), "LIST")
    check(any(line.endswith(b'"INBOX"') or line.endswith(b" INBOX") for line in listing), listing)
    check(all(b' "." ' in line for line in listing), listing)
    ok("list")

    def names():
        return [re.search(rb'"\." "?([^"]*)"?$', line).group(1) for line in expect_ok(client.list(), "LIST")]

    expect_ok(client.create("Projects"), "CREATE")
    check(b"Projects" in names(), names())
    expect_ok(client.rename("Projects", "Done"), "RENAME")
    check(b"Projects" not in names() and b"Done" in names(), names())
    expect_ok(client.delete("Done"), "DELETE")
    check(b"Done" not in names(), names())
    typ, data = client.delete("Done")
    check(typ == "NO", "DELETE of a missing folder: %s %r" % (typ, data))
    expect_ok(client.create("Archive"), "CREATE Archive")
    ok("create rename delete")

    count = expect_ok(client.select("INBOX"), "SELECT")
    check(count == [b"2"], count)
    check(client.response("UIDVALIDITY")[1][0] is not None, "UIDVALIDITY")
    ok("select")

    check(search(client, "ALL") == [b"1", b"2"], "ALL")
    check(search(client, "UNSEEN") == [b"1", b"2"], "UNSEEN")
    client.literal = "Grüße".encode("utf-8")
    check(search(client, "SUBJECT", charset="UTF-8") == [b"1"], "SUBJECT Grüße")
    check(search(client, "FROM", "carol") == [b"2"], "FROM carol")
    check(search(client, "SINCE", imap_date(-1)) == [b"1", b"2"], "SINCE yesterday")
    check(search(client, "SINCE", imap_date(2)) == [], "SINCE the day after tomorrow")
    ok("search")

    first = message(1)
    data = expect_ok(client.fetch(
        "1", "(FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY[])"), "FETCH")
    text, literals = fetch_parts(data)
    check(text.startswith(b"1 ("), text)
    check(literals.get(b"BODY[]") == first, "BODY[] %r" % (literals.get(b"BODY[]"),))
    check(literals.get(b"BODY[HEADER.FIELDS (SUBJECT)]") == b"Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Berlin\r\n\r\n",
          literals)
    check(b"RFC822.SIZE %d" % len(first) in text, text)
    check(b'ENVELOPE ("Mon, 6 Jan 2025 10:00:00 +0000" "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Berlin" '
          b'(("Bob" NIL "bob" "example.com"))' in text, text)
    check(b'BODYSTRUCTURE ("text" "plain" ("charset" "utf-8") NIL NIL "8bit" ' in text, text)
    flags = imaplib.ParseFlags(text)
    check(b"\\Seen" in flags, "BODY[] sets \\Seen: %r" % (flags,))
    check(search(client, "UNSEEN") == [b"2"], "UNSEEN after the fetch")
    ok("fetch")

    data = expect_ok(client.store("1", "+FLAGS", "(\\Flagged)"), "STORE")
    flags = imaplib.ParseFlags(data[0])
    check(b"\\Flagged" in flags and b"\\Seen" in flags, data)
    check(search(client, "FLAGGED") == [b"1"], "FLAGGED")
    ok("store")

    typ, data = client.copy("1", "Archive")
    check(typ == "OK" and re.match(rb"\[COPYUID \d+ 1 1\]", data[0]), (typ, data))
    client.response("COPYUID")  # imaplib keeps the tagged response's code too: forget it
    ok("copy")

    typ, data = client.uid("MOVE", "2", "Archive")
    check(typ == "OK", (typ, data))
    copyuid = client.response("COPYUID")[1]
    check(len(copyuid) == 1 and re.match(rb"\d+ 2 2$", copyuid[0]), "COPYUID of MOVE: %r" % (copyuid,))
    check(client.response("EXPUNGE")[1] == [b"2"], "EXPUNGE of MOVE")
    ok("uid move")

    expect_ok(client.store("1", "+FLAGS.SILENT", "(\\Deleted)"), "STORE \\Deleted")
    data = expect_ok(client.expunge(), "EXPUNGE")
    check(data == [b"1"], data)
    status = expect_ok(client.status("Archive", "(MESSAGES UNSEEN)"), "STATUS")
    check(status == [b'"Archive" (MESSAGES 2 UNSEEN 1)'] or status == [b"Archive (MESSAGES 2 UNSEEN 1)"], status)
    ok("expunge")

    appended = message(2)
    when = time.mktime((2024, 3, 5, 12, 30, 15, 0, 0, -1))
    typ, data = client.append("INBOX", "(\\Seen $Important)", when, appended)
    check(typ == "OK", (typ, data))
    check(re.match(rb"\[APPENDUID \d+ 3\]", data[0]), data)
    expect_ok(client.noop(), "NOOP")
    data = expect_ok(client.fetch("1", "(UID FLAGS INTERNALDATE BODY.PEEK[])"), "FETCH appended")
    text, literals = fetch_parts(data)
    check(literals.get(b"BODY[]") == appended, literals)
    flags = imaplib.ParseFlags(text)
    check(b"\\Seen" in flags and b"$Important" in flags, flags)
    check(b"UID 3" in text, text)
    internal = imaplib.Internaldate2tuple(text)
    check(internal is not None and time.mktime(internal) == when, "INTERNALDATE %r" % (text,))
    data = expect_ok(client.uid("FETCH", "3", "(FLAGS BODY.PEEK[]<6.12>)"), "UID FETCH")
    text, literals = fetch_parts(data)
    check(b"UID 3" in text and literals.get(b"BODY[]<6>") == appended[6:18], data)
    check(expect_ok(client.uid("SEARCH", "KEYWORD", "$Important"), "UID SEARCH") == [b"3"], "UID SEARCH")
    ok("append")

    expect_ok(client.subscribe("Archive"), "SUBSCRIBE")
    lsub = expect_ok(client.lsub(), "LSUB")
    check(len(lsub) == 1 and lsub[0].endswith((b" Archive", b" \"Archive\"")), lsub)
    namespace = expect_ok(client.namespace(), "NAMESPACE")
    check(namespace == [b'(("" ".")) NIL NIL'], namespace)
    ok("subscribe lsub namespace")

    tag = client._new_tag()
    client.send(tag + b" IDLE\r\n")
    line = client.readline()
    check(line.startswith(b"+"), "IDLE continuation: %r" % (line,))
    print("WAITING FOR DELIVERY", flush=True)
    line = client.readline()
    check(line == b"* 2 EXISTS\r\n", "while idling: %r" % (line,))
    client.send(b"DONE\r\n")
    while True:
        line = client.readline()
        if line.startswith(tag + b" "):
            break
        check(line.startswith(b"* "), "after DONE: %r" % (line,))
    check(line.startswith(tag + b" OK"), line)
    data = expect_ok(client.fetch("2", "(BODY.PEEK[])"), "FETCH delivered")
    check(fetch_parts(data)[1].get(b"BODY[]") == message(3), data)
    ok("idle")

    expect_ok(client.check(), "CHECK")
    expect_ok(client.unselect(), "UNSELECT")
    count = expect_ok(client.select("Archive", readonly=True), "EXAMINE")
    check(count == [b"2"], count)
    typ, data = client.store("1", "+FLAGS", "(\\Deleted)")
    check(typ == "NO", "STORE in a read-only folder: %s %r" % (typ, data))
    expect_ok(client.close(), "CLOSE")
    ok("check unselect examine close")

    typ, data = client.logout()
    check(typ == "BYE", (typ, data))
    ok("logout")


def refusals():
    client = imaplib.IMAP4(host, port, timeout=10)
    check("LOGINDISABLED" in client.capabilities, client.capabilities)
    try:
        client.login("alice", "s3cret")
        raise AssertionError("a login without TLS was accepted")
    except imaplib.IMAP4.error as e:
        check("[PRIVACYREQUIRED]" in str(e), e)
    expect_ok(client.noop(), "NOOP after the refused login")
    ok("login refused without tls")

    expect_ok(client.starttls(ssl.create_default_context(cafile=cafile)), "STARTTLS")
    check("LOGINDISABLED" not in client.capabilities, client.capabilities)
    try:
        client.login("alice", "wrong")
        raise AssertionError("a wrong password was accepted")
    except imaplib.IMAP4.error as e:
        check("[AUTHENTICATIONFAILED]" in str(e), e)
    expect_ok(client.noop(), "NOOP after the wrong password")
    ok("wrong password refused without a disconnect")
    expect_ok(client.login("alice", "s3cret"), "LOGIN")
    check(client.state == "AUTH", client.state)
    ok("login after the wrong password")
    typ, data = client.logout()
    check(typ == "BYE", (typ, data))
    ok("logout")


{"session": session, "refusals": refusals}[mode]()
print("INTEROP PASSED", flush=True)
