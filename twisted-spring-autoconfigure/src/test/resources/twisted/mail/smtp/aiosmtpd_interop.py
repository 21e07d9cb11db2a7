"""An aiosmtpd server on 127.0.0.1 for AiosmtpdInteropTests: a real SMTP server nobody here wrote.

Usage: aiosmtpd_interop.py DIR USER PASSWORD [--tls CERT KEY] [--mechanisms PLAIN,LOGIN]

Listens on a free port and prints "PORT <n>" on stdout once it takes connections. With --tls it
offers STARTTLS with CERT/KEY (PEM) and requires it before anything but EHLO/HELO/NOOP/QUIT
(require_starttls); AUTH is offered only over TLS (auth_require_tls), with the mechanisms given
(default: aiosmtpd's PLAIN and LOGIN), and accepts USER with PASSWORD only. RCPT TO any address
whose local part is "refused" gets 550; the others are accepted.

Each message goes to DIR as NNN.eml (the content exactly as aiosmtpd received it, dots unstuffed:
envelope.original_content) and NNN.json (mail from, its options, rcpt tos, whether the session
had TLS, the login), each written to a temporary name and renamed. DIR/commands.log gets one line
per command the server dispatched (its verb; for AUTH the mechanism, never the credentials) and
one line per reply code it sent. The password is never printed or written anywhere.

Runs until stdin closes or the process is killed.
"""
import json
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult

args = sys.argv[1:]
directory, user, password = args[0], args[1].encode(), args[2].encode()
cert = key = None
mechanisms = None
rest = args[3:]
while rest:
    if rest[0] == "--tls":
        cert, key, rest = rest[1], rest[2], rest[3:]
    elif rest[0] == "--mechanisms":
        mechanisms, rest = rest[1].split(","), rest[2:]
    else:
        sys.exit("unknown option " + rest[0])

command_log = open(os.path.join(directory, "commands.log"), "a", buffering=1)


def log(line):
    command_log.write(line + "\n")


def write_atomically(path, data):
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.rename(path + ".tmp", path)


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == user and auth_data.password == password
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


class Handler:
    count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0] == "refused":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        Handler.count += 1
        base = os.path.join(directory, "%03d" % Handler.count)
        write_atomically(base + ".eml", envelope.original_content)
        meta = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "login": session.auth_data.login.decode() if session.authenticated else None,
        }
        write_atomically(base + ".json", json.dumps(meta).encode())
        return "250 2.0.0 Message accepted as %03d" % Handler.count


class LoggingSMTP(SMTP):
    """aiosmtpd's SMTP that records each dispatched command's verb and each reply code."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        for verb, method in list(self._smtp_methods.items()):
            self._smtp_methods[verb] = self._logged(verb, method)

    @staticmethod
    def _logged(verb, method):
        async def logged(arg):
            if verb == "AUTH":
                log("AUTH " + (arg.split()[0].upper() if arg else ""))
            else:
                log(verb)
            return await method(arg)
        return logged

    async def push(self, status):  # a str, or bytes for AUTH challenges
        code = status[:3]
        log("reply " + (code.decode() if isinstance(code, bytes) else code))
        return await super().push(status)


class LoopbackController(Controller):
    """A Controller on a port the kernel picks (port 0): the real one is read back once bound."""

    def factory(self):
        return LoggingSMTP(self.handler, **self.SMTP_kwargs)

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


tls = None
if cert:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)

controller = LoopbackController(
    Handler(), hostname="127.0.0.1", port=0, server_hostname="aiosmtpd.test",
    tls_context=tls, require_starttls=tls is not None, auth_require_tls=True,
    authenticator=authenticator, auth_exclude_mechanism=[
        m for m in ("PLAIN", "LOGIN") if mechanisms is not None and m not in mechanisms])
controller.start()
# the controller's own trigger connection is the first session: mark where the test's begin
log("ready")
print("PORT", controller.port, flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
