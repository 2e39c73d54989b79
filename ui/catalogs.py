"""The message catalogs, `locales/<lang>/LC_MESSAGES/messages.po`: read for the app, kept in
step for translators.

An entry's msgid is the key the code asks for (`t("rule_share")`) and its msgctxt the page
whose words it is ("directives"); the vocabulary every page shares has no msgctxt. Keys, not
English sentences, so that fixing an English typo does not orphan its translations and the
code reads the same as before. The English catalog is the reference: every other language
has the same entries, each with its English text as a `#.` comment for the translator.

The .po files are read directly (Babel's reader, once per process): no compiled .mo to build
or to forget to rebuild, and what a translator saves is what the app shows.

    python -m ui.catalogs update          # after editing the English catalog (`make translations`)
    python -m ui.catalogs import MODULE CONTEXT   # move a module's TEXT dict into the catalogs

A new language: an empty `locales/<lang>/LC_MESSAGES/messages.po` (the header only), then
`update` fills it with every entry to translate.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
REFERENCE_LANGUAGE = "en"
ENGLISH = "English: "  # the comment that shows translators the reference text
PROJECT = "police-accountability-dashboard"
HEADER = """\
# {lang} words of the police accountability dashboard (ui/catalogs.py says how they are used).
# msgid: the key the code asks for; msgctxt: the page (none: every page); #. comments: the
# section and, outside English, the English text to translate. Keep every {{placeholder}}.
#"""


def catalog_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


def languages() -> list[str]:
    """Every language with a catalog, the reference first."""
    found = sorted(path.parent.parent.name for path in LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))
    return sorted(found, key=lambda lang: lang != REFERENCE_LANGUAGE)


def read(lang: str) -> Catalog:
    path = catalog_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project=PROJECT, fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def write(lang: str, catalog: Catalog) -> None:
    path = catalog_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.project = PROJECT
    catalog.fuzzy = False
    catalog.header_comment = HEADER.format(lang=lang)
    with path.open("wb") as file:
        # width=0: one line per msgstr, so that a sentence is found with grep.
        write_po(file, catalog, width=0, omit_header=False)


def translated(message: Message) -> bool:
    return bool(message.id) and bool(message.string) and not message.fuzzy


@functools.cache
def texts() -> dict[str | None, dict[str, dict[str, str]]]:
    """{context: {key: {lang: text}}}; an untranslated or fuzzy entry is left out of its
    language (the translator falls back to English, and tests/test_i18n.py fails)."""
    found: dict[str | None, dict[str, dict[str, str]]] = {}
    for lang in languages():
        for message in read(lang):
            if translated(message):
                found.setdefault(message.context, {}).setdefault(message.id, {})[lang] = (
                    message.string
                )
    return found


# -- tooling: keep the other languages in step with the English catalog -------------------


def _same_words(one: list[str], other: list[str]) -> bool:
    """Comments compared word by word: the .po writer re-wraps them."""
    return " ".join(one).split() == " ".join(other).split()


def update() -> None:
    """Give every other language the English catalog's entries: new ones untranslated,
    changed ones (their English differs from the comment) fuzzy, removed ones dropped."""
    reference = read(REFERENCE_LANGUAGE)
    for lang in languages()[1:]:
        old = read(lang)
        new = Catalog(locale=lang, project=PROJECT, fuzzy=False)
        new.mime_headers = old.mime_headers
        for source in reference:
            if not source.id:
                continue
            comments = [*source.auto_comments, ENGLISH + source.string]
            kept = old.get(source.id, context=source.context)
            string = kept.string if kept else ""
            flags = set(kept.flags) if kept else set()
            if kept and kept.string and not _same_words(kept.auto_comments, comments):
                flags.add("fuzzy")
            new.add(source.id, string, context=source.context, auto_comments=comments, flags=flags)
        write(lang, new)


def _section_comments(module) -> dict[str, str]:
    """The `# Section` comment above each key of a module's TEXT dict literal(s), kept as
    context for translators."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    found: dict[str, str] = {}
    assigned = [node.value for node in ast.parse(source).body if isinstance(node, ast.Assign)]
    for node in assigned:
        if not isinstance(node, ast.Dict):
            continue
        section, previous_end = "", node.lineno
        for key, value in zip(node.keys, node.values, strict=True):
            if not isinstance(key, ast.Constant) or not isinstance(value, ast.Dict):
                continue
            between = [line.strip() for line in lines[previous_end : key.lineno - 1]]
            comments = [line.lstrip("# ") for line in between if line.startswith("#")]
            if comments:
                section = " ".join(comments)
            if section:
                found[key.value] = section
            previous_end = value.end_lineno or key.lineno
    return found


def import_text(module_name: str, context: str | None) -> int:
    """Add a module's TEXT dict to every catalog under `context` (None: shared); keys that
    repeat a shared entry word for word are not duplicated. Then delete the dict by hand."""
    module = importlib.import_module(module_name)
    sections = _section_comments(module)
    shared = texts().get(None, {})
    catalogs = {lang: read(lang) for lang in languages()}
    added = 0
    for key, entry in module.TEXT.items():
        if context is not None and shared.get(key) == entry:
            continue
        section = [sections[key]] if key in sections else []
        for lang, catalog in catalogs.items():
            english = [ENGLISH + entry["en"]] if lang != REFERENCE_LANGUAGE else []
            catalog.add(key, entry[lang], context=context, auto_comments=section + english)
        added += 1
    for lang, catalog in catalogs.items():
        write(lang, catalog)
    texts.cache_clear()
    return added


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["import"] and len(argv) in (2, 3):
        context = argv[2] if len(argv) == 3 else None
        print(f"{import_text(argv[1], context)} entries added")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
