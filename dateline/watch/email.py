"""Digest emails: a multipart/alternative message (text/plain + text/html from the Jinja2
templates in dateline/watch/templates/email/) sent over SMTP, or written to a file.

SMTP settings come from the Config: ``smtp`` (host:port), ``smtp_user`` / ``smtp_password``
(login when a user is set), ``smtp_starttls`` (upgrade with STARTTLS, verifying the server's
certificate against the system CAs, or ``SSL_CERT_FILE``), ``mail_from``.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate, parseaddr
from pathlib import Path

import jinja2
from markupsafe import Markup

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.query.fts import highlight
from dateline.watch.digest import Digest

TEMPLATES = Path(__file__).parent / "templates" / "email"
MAX_SHOWN = 200  # items per section written out in one email; the rest are counted
RETRY_HINT = "the digest was not sent and the watch's mark is unchanged: fix the cause and run `dateline digest` again"

_env: dict[bool, jinja2.Environment] = {}


def env(html: bool) -> jinja2.Environment:
    if html not in _env:
        _env[html] = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=html, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        )
    return _env[html]


def label(e: dict) -> str:
    """What keeps an event from being a plain assertion: ``negated``, ``hypothetical``, ``future`` ..."""
    out = []
    if e.get("negated"):
        out.append("negated")
    if e.get("modality") and e["modality"] != "asserted":
        out.append(e["modality"].replace("_", " "))
    return ", ".join(out)


def _cap_groups(groups: list[dict], key: str, cap: int) -> tuple[list[dict], int]:
    shown, left, n = [], cap, 0
    for g in groups:
        n += len(g[key])
        if left <= 0:
            continue
        part = g[key][:left]
        left -= len(part)
        shown.append({**g, key: part})
    return shown, n - (cap - left)


def context(d: Digest, cap: int = MAX_SHOWN) -> dict:
    for e in d.events:
        e["label"] = label(e)
    for a in d.articles:
        a["snippet_html"] = Markup(highlight(a.get("snippet") or "", a.get("highlights") or []))
    groups, more_events = _cap_groups(d.event_groups, "events", cap)
    qgroups, more_quotes = _cap_groups(d.quote_groups, "quotes", cap)
    return {"d": d, "groups": groups, "more_events": more_events, "qgroups": qgroups, "more_quotes": more_quotes,
            "arts": d.articles[:cap], "more_articles": max(0, len(d.articles) - cap)}


def render(d: Digest, cap: int = MAX_SHOWN) -> tuple[str, str]:
    """(plain text, HTML) of the digest."""
    ctx = context(d, cap)
    return env(False).get_template("digest.txt").render(ctx), env(True).get_template("digest.html").render(ctx)


def message_id(d: Digest, channel: str, domain: str) -> str:
    """Deterministic: a digest re-sent for the same range (after a crash) keeps its Message-ID,
    so mail clients can tell it is the same message."""
    key = f"{d.watch.name}|{channel}|{d.before.as_list()}|{d.after.as_list()}|{d.since}"
    return f"<dateline.{d.watch.name}.{hashlib.sha256(key.encode()).hexdigest()[:24]}@{domain}>"


def build_message(d: Digest, config: Config, to: list[str]) -> EmailMessage:
    text, html = render(d)
    sender = parseaddr(config.mail_from)[1] or config.mail_from
    domain = sender.rpartition("@")[2] or "localhost"
    msg = EmailMessage()
    msg["From"] = formataddr(("dateline", sender))
    msg["To"] = ", ".join(to) if to else "undisclosed-recipients:;"
    msg["Subject"] = d.subject
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = message_id(d, "email", domain)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to a digest
    msg["X-Dateline-Watch"] = d.watch.name
    msg["List-Id"] = f"dateline watch {d.watch.name} <{d.watch.name}.watch.{domain}>"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def parse_hostport(value: str) -> tuple[str, int]:
    host, sep, port = str(value).strip().rpartition(":")
    if not sep or not host or not port.isdigit():
        raise DatelineError("E500", f"smtp={value!r} is not host:port", "set smtp to host:port, e.g. localhost:25")
    return host.strip("[]"), int(port)


def _login(s: smtplib.SMTP, user: str, password: str) -> None:
    """AUTH PLAIN when the server offers it (one clean 535 on a wrong password), else smtplib's choice."""
    if not s.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("the server offers no AUTH (is STARTTLS needed? set smtp_starttls)")
    if "PLAIN" in s.esmtp_features.get("auth", "").upper().split():
        s.user, s.password = user, password
        s.auth("PLAIN", s.auth_plain)
    else:
        s.login(user, password)


def send(msg: EmailMessage, config: Config, smtp: str | None = None, timeout: float | None = None,
         ssl_context: ssl.SSLContext | None = None) -> None:
    """Send over SMTP (``smtp`` or ``config.smtp``); STARTTLS and login as configured.

    Raises E110 (server unreachable / connection lost) or E111 (the server refused: auth,
    recipients, TLS) with a hint saying the mark is unchanged.
    """
    where = smtp or config.smtp
    if not where:
        raise DatelineError("E500", "no SMTP server configured",
                            "pass --smtp host:port, set smtp in the config (DATELINE_SMTP), or use --to-file")
    host, port = parse_hostport(where)
    rcpts = [a for _, a in (parseaddr(x) for x in (msg.get_all("To") or [])[0].split(",")) if a]
    if not rcpts:
        raise DatelineError("E501", "the digest has no recipients", "add one: `dateline watch add NAME --email ADDR`")
    try:
        with smtplib.SMTP(host, port, timeout=timeout or config.http_timeout) as s:
            s.ehlo()
            if config.smtp_starttls:
                s.starttls(context=ssl_context or ssl.create_default_context())
                s.ehlo()
            if config.smtp_user:
                _login(s, config.smtp_user, config.smtp_password or "")
            refused = s.send_message(msg, to_addrs=rcpts)
        if refused:
            raise DatelineError("E111", f"SMTP {host}:{port} refused recipient(s) {', '.join(refused)}", RETRY_HINT)
    except (TimeoutError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError) as exc:
        raise DatelineError("E110", f"SMTP {host}:{port}: {exc or type(exc).__name__}", RETRY_HINT) from exc
    except smtplib.SMTPException as exc:
        raise DatelineError("E111", f"SMTP {host}:{port}: {exc}", RETRY_HINT) from exc
    except (ssl.SSLError, OSError) as exc:
        raise DatelineError("E110", f"SMTP {host}:{port}: {exc}", RETRY_HINT) from exc


def write(msg: EmailMessage, path: str | Path) -> Path:
    """Write the message as an .eml file (RFC 5322, CRLF line ends as on the wire)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        p.write_bytes(msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")))
    except OSError as exc:
        raise DatelineError("E500", f"cannot write {p}: {exc}", RETRY_HINT) from exc
    return p
