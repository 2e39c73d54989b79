"""Every filter lives in `st.query_params`, validated, so every view has a link.

`choice()` reads a parameter, keeps it only if it is one of the allowed values (otherwise
a visible notice says it was ignored), and writes the current value back to the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import streamlit as st

NOTICE_CHARS = 60  # of a bad value from the link, quoted in its notice
_ASCII_DIGITS = re.compile(r"[0-9]{1,9}")  # a year or count as a link writes it, no more
_PLAIN = re.compile(r"[\w\- ]*")  # letters, digits, '_', '-', spaces: no markdown can form
_BACKTICKS = re.compile(r"`+")


def notice_value(value: str) -> str:
    """A value from the link as its notice shows it: short, on one line, and inert.

    The notice is markdown, and a link's value is anyone's text: outside plain words it
    goes into a code span, where no link, autolink (http://, www., e-mail), image, HTML,
    formula or colour can form (backslash escapes would not stop Streamlit's autolinks).
    """
    short = value if len(value) <= NOTICE_CHARS else value[:NOTICE_CHARS] + "…"
    short = " ".join(short.split())
    if _PLAIN.fullmatch(short):
        return short
    fence = "`" * (1 + max((len(run) for run in _BACKTICKS.findall(short)), default=0))
    return f"{fence} {short} {fence}"  # the spaces let the value start or end with a `


def plain_integer(text: str | None) -> int | None:
    """The number a link's value spells in ASCII digits only, else None.

    int() also reads "+2015", " 2015", "2_015" and other scripts' digits ("٢٠١٥",
    full-width "２０１５"): a link that says so is not the one the page writes, and would
    be accepted without a notice.
    """
    if text is None or not _ASCII_DIGITS.fullmatch(text):
        return None
    return int(text)


@dataclass
class ViewState:
    notices: list[tuple[str, str]] = field(default_factory=list)  # (parameter, bad value)

    def raw(self, name: str) -> str | None:
        value = st.query_params.get(name)
        return value if value not in (None, "") else None

    def choice(self, name: str, allowed: list[str], default: str | None) -> str | None:
        """The URL's value if allowed, else `default` (with a notice when it was bad)."""
        value = self.raw(name)
        if value is not None and value not in allowed:
            self.notices.append((name, value))
            value = None
        return value if value is not None else default

    def integer(self, name: str, low: int, high: int, default: int) -> int:
        value = self.raw(name)
        if value is None:
            return default
        number = plain_integer(value)
        if number is None or not low <= number <= high:
            self.notices.append((name, value))
            return default
        return number

    def seed_widget(self, key: str, value) -> None:
        """Give a keyed widget its first value from the link; afterwards the widget rules."""
        if key not in st.session_state:
            st.session_state[key] = value

    def set(self, **values) -> None:
        """Write the current view to the URL (None removes a parameter)."""
        for name, value in values.items():
            if value is None:
                if name in st.query_params:
                    del st.query_params[name]
            elif st.query_params.get(name) != str(value):
                st.query_params[name] = str(value)

    def clear_except(self, keep: set[str]) -> None:
        for name in list(st.query_params.keys()):
            if name not in keep:
                del st.query_params[name]
