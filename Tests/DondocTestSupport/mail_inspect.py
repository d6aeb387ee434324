#!/usr/bin/env python3
"""Reads mail the way a mail client would, for DondocMailTests; prints JSON on stdout.

mail_inspect.py maildir DIR   every message in the Maildir: decoded headers, body, raw header lines
mail_inspect.py decode        stdin: a JSON list of header fields as sent ("Name: value\\r\\n folded…");
                              prints, for each, the value decoded two ways: email.header.decode_header
                              (+ make_header) and the modern parser (email.policy.default)
"""
import base64, email, email.policy, json, os, sys
from email.header import decode_header, make_header


def legacy(value):
    return str(make_header(decode_header(value)))


def modern(field):
    msg = email.message_from_bytes(field.encode("ascii") + b"\r\n", policy=email.policy.default)
    name = field.split(":", 1)[0]
    return str(msg[name])


def read_maildir(path):
    out = []
    names = [os.path.join(path, sub, n) for sub in ("new", "cur") for n in sorted(os.listdir(os.path.join(path, sub)))]
    for name in names:
        with open(name, "rb") as f:
            data = f.read()
        msg = email.message_from_bytes(data, policy=email.policy.default)
        head = data.split(b"\r\n\r\n", 1)[0]
        frm = msg["From"]
        text = lambda name: None if msg[name] is None else str(msg[name])
        out.append({
            "subject": text("Subject"),
            "from_name": frm.addresses[0].display_name if frm else None,
            "from_addr": frm.addresses[0].addr_spec if frm else None,
            "to": text("To"),
            "message_id": text("Message-ID"),
            "date": text("Date"),
            "date_iso": msg["Date"].datetime.isoformat() if msg["Date"] else None,
            "keys": text("X-Dondoc-Keys"),
            "content_type": msg.get_content_type(),
            "charset": msg.get_content_charset(),
            "cte": text("Content-Transfer-Encoding"),
            "envelope_from": text("X-Envelope-From"),
            "envelope_to": text("X-Envelope-To"),
            "body": msg.get_content(),
            "defects": [type(d).__name__ for d in msg.defects],
            "header_lines": head.decode("ascii", "replace").split("\r\n"),
            "raw_b64": base64.b64encode(data).decode(),
        })
    return out


if __name__ == "__main__":
    if sys.argv[1] == "maildir":
        json.dump(read_maildir(sys.argv[2]), sys.stdout, ensure_ascii=False)
    elif sys.argv[1] == "decode":
        fields = json.load(sys.stdin)
        json.dump([{"legacy": legacy(f.split(":", 1)[1].replace("\r\n", "").lstrip(" ")), "modern": modern(f)} for f in fields], sys.stdout, ensure_ascii=False)
    else:
        sys.exit("unknown command " + sys.argv[1])
