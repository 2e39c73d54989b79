"""Fetch one published file over HTTP into a temporary file, politely and safely.

Timeouts on connect and between bytes plus an overall deadline; bounded retries with
exponential backoff on network errors, 429 and 5xx (never on 4xx: a 404 will not heal);
a descriptive User-Agent; a conditional request (If-None-Match / If-Modified-Since) when
the last download left validators, so an unchanged file costs a 304 and no bytes; the
body streamed to disk with its SHA-256, and refused if shorter than its Content-Length.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import requests

USER_AGENT = (
    "police-accountability-dashboard/0.1 (refresh of published open data; "
    "python-requests; one request per file, conditional when possible)"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK_BYTES = 1 << 16


class DownloadError(Exception):
    """The file could not be fetched; the message says why, in words a person can act on."""


@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 60.0  # longest silence between two chunks
    deadline: float = 900.0  # whole download, so a trickling server cannot hang a refresh
    retries: int = 3  # attempts after the first
    backoff: float = 1.0  # seconds before the first retry, doubled after each
    max_bytes: int = 2 << 30
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    not_modified: bool  # 304: the copy we have is current; nothing was written
    status: int
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""
    bytes: int = 0
    sha256: str = ""


class _Retryable(Exception):
    pass


def fetch(
    session: requests.Session,
    url: str,
    target: Path,
    settings: HttpSettings,
    etag: str = "",
    last_modified: str = "",
) -> Fetched:
    """GET `url` into `target` (created or overwritten); retry what may heal."""
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    problems = []
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            return _fetch_once(session, url, target, settings, headers)
        except _Retryable as problem:
            problems.append(str(problem))
    others = [problem for problem in dict.fromkeys(problems) if problem != problems[-1]]
    also = f"; before: {'; '.join(others)}" if others else ""
    raise DownloadError(f"{problems[-1]} (after {len(problems)} attempts{also})")


def _fetch_once(session, url, target: Path, settings: HttpSettings, headers) -> Fetched:
    started = time.monotonic()
    try:
        response = session.get(
            url,
            headers=headers,
            stream=True,
            timeout=(settings.connect_timeout, settings.read_timeout),
            allow_redirects=True,
        )
    except requests.Timeout:
        raise _Retryable(f"no answer within {settings.read_timeout:g} s (timeout)") from None
    except requests.ConnectionError as error:
        raise _Retryable(f"connection failed: {_reason(error)}") from None
    with response:
        if response.status_code == 304:
            return Fetched(True, 304, *_validators(response))
        if response.status_code in RETRY_STATUSES:
            raise _Retryable(f"HTTP {response.status_code} {response.reason}")
        if response.status_code != 200:
            raise DownloadError(f"HTTP {response.status_code} {response.reason}")
        size, digest = _stream(response, target, settings, started)
        return Fetched(
            False,
            200,
            *_validators(response),
            content_type=response.headers.get("Content-Type", ""),
            bytes=size,
            sha256=digest,
        )


def _stream(response, target: Path, settings: HttpSettings, started: float) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    try:
        with target.open("wb") as handle:
            for chunk in response.iter_content(CHUNK_BYTES):
                size += len(chunk)
                if size > settings.max_bytes:
                    raise DownloadError(f"larger than {settings.max_bytes:,} bytes: refused")
                if time.monotonic() - started > settings.deadline:
                    raise _Retryable(f"not finished after {settings.deadline:g} s (deadline)")
                digest.update(chunk)
                handle.write(chunk)
    except requests.Timeout:
        raise _Retryable(f"stalled for {settings.read_timeout:g} s mid-body (timeout)") from None
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
        raise _Retryable(f"truncated body: {_reason(error)}") from None
    expected = response.headers.get("Content-Length")
    encoded = response.headers.get("Content-Encoding", "identity") != "identity"
    if expected and expected.isdigit() and not encoded and int(expected) != size:
        raise _Retryable(f"truncated body: {size:,} of {int(expected):,} bytes")
    return size, digest.hexdigest()


def _validators(response) -> tuple[str, str]:
    return response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")


def _reason(error: BaseException) -> str:
    """The innermost message: requests wraps urllib3, which wraps the socket's error."""
    while error.args and isinstance(error.args[0], BaseException):
        error = error.args[0]
    text = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
    return text.split(" (Caused by ", 1)[0][:300]
