"""Safe by default, the way Datasette and Jupyter do it.

- The server listens on 127.0.0.1; on any other address an access token is required (printed at start, or asked
  for with ``--token`` on 127.0.0.1 too). The token arrives once in the address (``?token=…``), is kept in an
  HttpOnly, SameSite=Strict cookie and removed from the address; ``Authorization: Bearer …`` works for scripts.
- On 127.0.0.1 the ``Host`` header must name a loopback host, so a web page elsewhere cannot reach the server
  through DNS rebinding.
- Every state-changing request (POST) carries the server's CSRF token in a form field, and is refused when the
  browser says it comes from another site (``Origin``, ``Sec-Fetch-Site``).
- Uploads have a size limit (checked on ``Content-Length`` before anything is read, and again while reading) and
  must be CSV text.
- Pages carry a Content-Security-Policy that allows nothing from elsewhere (every asset is served locally).
"""

from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

TOKEN_COOKIE = "planner_token"
CSRF_FIELD = "csrf"
MAX_UPLOAD_BYTES = 1024 * 1024
"""Largest upload (an allocation CSV of every municipality is about 100 kB)."""
MAX_FORM_BYTES = 64 * 1024
"""Largest form without a file."""
UPLOAD_TYPES = ("text/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream", "")
"""What browsers send as the type of a .csv file (the content must be UTF-8 text all the same)."""
LOOPBACK_NAMES = ("localhost",)
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # no-referrer would make browsers send "Origin: null" on our own forms
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or name) is this machine only."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without the port (``[::1]:8000`` → ``::1``)."""
    return urlsplit(f"//{header}").hostname or ""


@dataclasses.dataclass(frozen=True)
class Guard:
    """The server's secrets and what they protect."""

    token: str | None
    """The access token, or None when none is needed (127.0.0.1 without ``--token``)."""
    csrf: str = dataclasses.field(default_factory=lambda: secrets.token_urlsafe(32))
    loopback_only: bool = True
    """Listening on a loopback address: the Host header must name one."""

    @classmethod
    def for_host(cls, host: str, token: bool | str = False) -> Guard:
        """``token``: True for a new random token, a string for that token, False for none on loopback. Any other
        address always gets one."""
        loopback = is_loopback(host)
        value = token if isinstance(token, str) and token else (
            secrets.token_urlsafe(24) if token or not loopback else None)
        return cls(token=value, loopback_only=loopback)

    def token_ok(self, given: str | None) -> bool:
        return self.token is None or (given is not None and hmac.compare_digest(given.encode(), self.token.encode()))

    def host_ok(self, header: str) -> bool:
        return not self.loopback_only or is_loopback(host_name(header))

    def csrf_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.csrf.encode())


def same_origin(origin: str | None, fetch_site: str | None, host: str, scheme: str) -> bool:
    """Whether a POST comes from this server's own pages: an ``Origin`` header must be this server, and
    ``Sec-Fetch-Site`` (when the browser sends it) must not say another site."""
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    if origin is None:
        return True  # old browsers and scripts: the CSRF token decides
    return origin == f"{scheme}://{host}"


def upload_text(data: bytes, filename: str, content_type: str) -> str:
    """The text of an uploaded CSV; :class:`ValueError` with the reason when it is not one."""
    if not filename.lower().endswith(".csv"):
        raise ValueError("upload a .csv file")
    if content_type.split(";")[0].strip().lower() not in UPLOAD_TYPES:
        raise ValueError(f"upload a CSV file (not {content_type})")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"the file is larger than {MAX_UPLOAD_BYTES // 1024} kB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("the file is not UTF-8 text") from None
    if "\x00" in text:
        raise ValueError("the file is not text")
    return text
