"""Hypothesis strategies that build raw e-mail messages, well-formed or not.

Messages are assembled as bytes by hand rather than with the email package,
so that they can be broken the way real mail is: lying or unknown charsets,
bad base64, missing headers, NUL bytes, deep multiparts, bare LF line ends,
now and then a file of up to 1.5 MB."""

import base64
import quopri

from hypothesis import strategies as st

CHARSETS = [
    "utf-8",
    "iso-8859-13",
    "windows-1257",
    "iso-8859-4",
    "iso-8859-15",
    "iso-8859-1",
    "koi8-r",
    "us-ascii",
    "x-unknown-charset",
    "utf-7",
    "",
]
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "x-broken", ""]
LEAF_TYPES = [
    "text/plain",
    "text/html",
    "application/octet-stream",
    "image/png",
    "application/pdf",
    "message/rfc822",
]
MULTIPART_TYPES = ["mixed", "alternative", "related", "report", "signed"]
SAMPLE_WORDS = [
    "Labdien",
    "ierīce nestrādā",
    "Tere",
    "seade ei tööta",
    "šķūņa žogs",
    "õun ärkab üle",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Hello",
    "\x00",
    "\u202e",
    "=?utf-8?b?broken",
]

text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(SAMPLE_WORDS), max_size=20).map(" ".join),
)


def _encode_text(value, charset):
    try:
        return value.encode(charset or "ascii", errors="replace")
    except LookupError:
        return value.encode("utf-8", errors="surrogatepass")


def _encode_body(payload, encoding, flip):
    if encoding == "base64":
        encoded = base64.encodebytes(payload)
        return encoded[: len(encoded) // 2] + b"!!*" if flip else encoded
    if encoding == "quoted-printable":
        return quopri.encodestring(payload) + (b"=Z" if flip else b"")
    return payload


@st.composite
def leaf(draw):
    content_type = draw(st.sampled_from(LEAF_TYPES))
    charset = draw(st.sampled_from(CHARSETS))
    encoding = draw(st.sampled_from(ENCODINGS))
    body = draw(text)
    if content_type == "text/html":
        body = f"<html><body><p>{body}</p></body></html>"
    payload = _encode_text(body, charset)
    if content_type.startswith(("image/", "application/")):
        payload = draw(st.binary(max_size=300))
        # now and then a large file: around and over the size limit the
        # fuzz test sets (1 MB)
        size = draw(st.sampled_from([0] * 100 + [64_000, 600_000, 1_500_000]))
        if size:
            payload = draw(st.binary(min_size=16, max_size=16)) * (size // 16)
    headers = [
        f"Content-Type: {content_type}" + (f"; charset={charset}" if charset else "")
    ]
    if encoding:
        headers.append(f"Content-Transfer-Encoding: {encoding}")
    if content_type != "text/plain" and draw(st.booleans()):
        disposition = draw(st.sampled_from(["attachment", "inline"]))
        filename = draw(
            st.sampled_from(["a.pdf", "ņ€ŗ.png", "", "../../etc/passwd", "x" * 300])
        )
        headers.append(f'Content-Disposition: {disposition}; filename="{filename}"')
        if disposition == "inline":
            headers.append(f"Content-ID: <{draw(st.integers(0, 99))}@inline>")
    return headers, _encode_body(payload, encoding, draw(st.booleans()))


@st.composite
def part(draw, depth=0):
    if depth >= 4 or draw(st.integers(0, 2)) == 0:
        return draw(leaf())
    subtype = draw(st.sampled_from(MULTIPART_TYPES))
    boundary = draw(st.sampled_from(["b1", "=_b2", "x" * 70, "", '"quoted b"']))
    children = draw(st.lists(part(depth + 1), max_size=4))
    lines = []
    for child_headers, child_body in children:
        lines.append(b"--" + boundary.strip('"').encode() + b"\n")
        lines.append("\n".join(child_headers).encode() + b"\n\n" + child_body + b"\n")
    if draw(st.booleans()):
        lines.append(b"--" + boundary.strip('"').encode() + b"--\n")
    headers = [f"Content-Type: multipart/{subtype}; boundary={boundary}"]
    return headers, b"".join(lines)


@st.composite
def header_value(draw):
    value = draw(text)
    style = draw(st.sampled_from(["plain", "b", "q", "raw8bit", "broken"]))
    charset = draw(st.sampled_from(CHARSETS)) or "utf-8"
    raw = _encode_text(value, charset)
    if style == "b":
        return f"=?{charset}?b?{base64.b64encode(raw).decode()}?=".encode()
    if style == "q":
        return (
            f"=?{charset}?q?{quopri.encodestring(raw, header=True).decode()}?=".encode()
        )
    if style == "raw8bit":
        return raw
    if style == "broken":
        return f"=?{charset}?x?{value[:20]}".encode("utf-8", "surrogatepass")
    return value.encode("ascii", errors="replace")


@st.composite
def message(draw, to_address):
    """A raw message to ``to_address``, from a random (or no) sender."""
    headers = []
    sender = draw(
        st.sampled_from(
            [
                "client@example.com",
                '"Jānis Bērziņš" <janis@example.com>',
                "=?iso-8859-13?q?M=E4rt?= <mart@example.ee>",
                "MAILER-DAEMON@example.com",
                "not an address",
                "",
                None,
            ]
        )
    )
    if sender is not None:
        headers.append(b"From: " + sender.encode())
    headers.append(b"To: " + to_address.encode())
    if draw(st.booleans()):
        headers.append(b"Subject: " + draw(header_value()))
    if draw(st.integers(0, 4)):
        headers.append(
            f"Message-Id: <{draw(st.uuids()).hex}@fuzz.example.com>".encode()
        )
    headers.append(
        b"Date: "
        + draw(
            st.sampled_from(
                [
                    b"Thu, 03 Dec 2026 10:00:00 +0200",
                    b"yesterday",
                    b"Mon, 31 Feb 2026 25:61:61 +9999",
                    b"",
                ]
            )
        )
    )
    extra = draw(
        st.lists(
            st.sampled_from(
                [
                    b"Auto-Submitted: auto-replied",
                    b"Auto-Submitted: no",
                    b"Precedence: bulk",
                    b"X-Autoreply: yes",
                    b"Return-Path: <>",
                    b"References: <nothing@nowhere>",
                    b"Cc: other@example.com, broken <",
                    b"X-Nul: a\x00b",
                ]
            ),
            max_size=3,
        )
    )
    headers += extra
    body_headers, body = draw(part())
    newline = draw(st.sampled_from([b"\n", b"\r\n"]))
    raw = newline.join(
        headers + [h.encode("utf-8", "surrogatepass") for h in body_headers]
    )
    raw += newline + newline + body.replace(b"\n", newline)
    if draw(st.integers(0, 9)) == 0:
        raw += b"\x00" * draw(st.integers(1, 5))
    return raw
