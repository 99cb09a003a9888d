#!/usr/bin/python3
"""A throwaway SMTP server on 127.0.0.1 for bouncescan's digest tests (aiosmtpd).

Binds an ephemeral port and prints "PORT <n>" on stdout once it accepts connections.
Every accepted message is stored as DIR/<n>.eml (the bytes as received) with
DIR/<n>.json beside it (envelope sender, recipients, authenticated login, whether TLS was
on). Options choose the TLS mode (none, starttls, implicit), the accepted credentials
(PLAIN/LOGIN user+password, XOAUTH2 user+token), and a failure mode that answers DATA
with 451 (always, or for the first N messages only) so that a test can see what a failed
send leaves behind and that the next attempt carries the same items.

A refused login returns AuthResult(success=False, handled=False): aiosmtpd then answers
535; with handled=True it would answer nothing and the client would wait forever.
"""
import argparse
import asyncio
import base64
import json
import os
import ssl
import subprocess
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def make_cert(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    if not os.path.exists(cert):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", key, "-out", cert],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.args.fail_data or self.refused < self.args.fail_first:
            self.refused += 1
            return "451 4.3.0 Temporarily unable to accept mail"
        self.count += 1
        base = os.path.join(self.args.dir, "%d" % self.count)
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": session.auth_data.decode() if isinstance(session.auth_data, bytes) else
                     (session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None),
            "tls": session.ssl is not None,
        }
        with open(base + ".json", "w") as f:
            json.dump(meta, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 OK stored"

    # RFC 7628-style XOAUTH2 as Gmail and Microsoft use it:
    # base64("user=" USER "\x01auth=Bearer " TOKEN "\x01\x01").
    async def auth_XOAUTH2(self, server, args):
        if len(args) == 2:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except Exception:
                return AuthResult(success=False, handled=False)
        else:
            blob = await server.challenge_auth("")
            if not isinstance(blob, bytes):
                return AuthResult(success=False, handled=False)
        fields = dict(p.split(b"=", 1) for p in blob.split(b"\x01") if b"=" in p)
        user = fields.get(b"user", b"")
        auth = fields.get(b"auth", b"")
        if (self.args.token and user == self.args.user.encode()
                and auth == b"Bearer " + self.args.token.encode()):
            return AuthResult(success=True, handled=False, auth_data=user)
        return AuthResult(success=False, handled=False)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True, help="where received messages are stored")
    p.add_argument("--tls", choices=["none", "starttls", "implicit"], default="starttls")
    p.add_argument("--cert-dir", help="where cert.pem/key.pem are made (default: --dir)")
    p.add_argument("--user", default="")
    p.add_argument("--password", default="")
    p.add_argument("--token", default="", help="accepted XOAUTH2 bearer token")
    p.add_argument("--fail-data", action="store_true", help="answer DATA with 451")
    p.add_argument("--fail-first", type=int, default=0, help="answer DATA with 451 for the first N messages")
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    context = None
    if args.tls != "none":
        cert, key = make_cert(args.cert_dir or args.dir)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, data):
        if (isinstance(data, LoginPassword) and args.user and data.login == args.user.encode()
                and data.password == args.password.encode()):
            return AuthResult(success=True, auth_data=data)
        return AuthResult(success=False, handled=False)

    handler = Handler(args)
    require_auth = bool(args.user)

    def factory():
        return SMTP(handler,
                    hostname="localhost",
                    tls_context=context if args.tls == "starttls" else None,
                    require_starttls=args.tls == "starttls",
                    auth_required=require_auth,
                    # Implicit TLS does not count for aiosmtpd's auth_require_tls.
                    auth_require_tls=args.tls == "starttls",
                    authenticator=authenticator,
                    decode_data=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=0, ssl=context if args.tls == "implicit" else None))
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write("PORT %d\n" % port)
    sys.stdout.flush()
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    import logging
    import warnings
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    main()
