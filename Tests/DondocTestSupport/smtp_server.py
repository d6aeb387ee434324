#!/usr/bin/env python3
"""A real SMTP server on loopback for DondocMailTests (aiosmtpd), storing each message in a Maildir.

usage: smtp_server.py --maildir DIR [--reject-rcpt a@x,b@y] [--tempfail-all]

Listens on 127.0.0.1 on a free port chosen by the kernel and prints 'READY <port>' once it accepts
connections, then 'STORED <name>' for each message it stores. --reject-rcpt answers RCPT TO for those addresses with 550 (a permanent refusal);
--tempfail-all answers every MAIL FROM with 451 (a temporary one). Each stored message is prefixed
with X-Envelope-From / X-Envelope-To headers
and otherwise kept byte for byte as received. Stops on SIGTERM or SIGINT, or when its standard
input closes (so it never outlives the test that started it).
"""
import argparse, asyncio, mailbox, os, signal, sys, threading, time

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, maildir, reject, tempfail):
        self.dir = maildir
        mailbox.Maildir(maildir, create=True)
        self.count = 0
        self.reject = {r.lower() for r in reject.split(",") if r}
        self.tempfail = tempfail

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.tempfail:
            return "451 4.3.0 try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos))
        # Stored byte for byte (mailbox.Maildir.add would rewrite line ends): tmp/, then new/.
        self.count += 1
        name = "%d.%d_%d.dondoc-test" % (time.time(), os.getpid(), self.count)
        with open(os.path.join(self.dir, "tmp", name), "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(os.path.join(self.dir, "tmp", name), os.path.join(self.dir, "new", name))
        print("STORED %s" % name, flush=True)
        return "250 2.0.0 OK queued"


def watch_stdin(loop, stop):
    while sys.stdin.buffer.read1(4096):
        pass
    loop.call_soon_threadsafe(stop.set)


async def main(a):
    loop = asyncio.get_running_loop()
    handler = Handler(a.maildir, a.reject_rcpt, a.tempfail_all)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="dondoc-test-smtp", enable_SMTPUTF8=True), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    threading.Thread(target=watch_stdin, args=(loop, stop), daemon=True).start()
    print("READY %d" % port, flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--reject-rcpt", default="")
    ap.add_argument("--tempfail-all", action="store_true")
    asyncio.run(main(ap.parse_args()))
