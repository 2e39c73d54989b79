"""Values reach SQL only as parameters: no Python value is formatted into SQL quotes.

The scanner reads the code with `ast` and reports, by file and line:

- an f-string whose literal text right before a `{...}` ends with a single quote
  (`f"'{SOURCE.slug}'"`, `f"WHEN '{code}' THEN ..."`): a value placed inside a SQL string;
- a concatenation with a literal ending (or starting) with a single quote next to a
  non-literal (`"'" + value + "'"`);
- `.format(...)` or `%` formatting of a string that contains SQL keywords or `'{`;
- `.format_map(...)` and `string.Template(...).substitute(...)` of SQL text;
- an f-string with SQL keywords that formats a value with `!r` (`repr` adds the quotes).

Every Python file of the project is read (the ETL, the queries' loader, the dashboard, its
pages, the exports and the benchmarks), and every `queries/**/*.sql` file is checked for a
parameter inside quotes (`'$name'` is the text "$name", not the value) and for Python
placeholders (`{name}`, `%s`, `%(name)s`) that someone would fill by formatting.

Identifiers written in the code may still be formatted in (`f'"{column}" IS NULL'`); values
go in as `$name` / `?` parameters.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = [
    "etl",
    "queries",
    "ui",
    "views",
    "exports",
    "benchmarks",
    "deploy",
    "dashboard.py",
    "pages",
]

SQL_KEYWORDS = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|JOIN|VALUES|CREATE|CASE|WHEN|THEN)\b"
)
QUOTED_PLACEHOLDER = re.compile(r"'(\{|%[-#0 +]*\d*(\.\d+)?[sdifr]|%\()")


def _rightmost_text(node: ast.AST) -> str | None:
    """The literal text at the right end of a string expression, if it ends in a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return _rightmost_text(node.values[-1])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _rightmost_text(node.right)
    return None


def _leftmost_text(node: ast.AST) -> str | None:
    """The literal text at the left end of a string expression, if it starts with a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return _leftmost_text(node.values[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _leftmost_text(node.left)
    return None


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant)


def _string_constants(tree: ast.AST) -> dict[str, str]:
    """Names assigned a plain string in the file (to resolve `TEMPLATE.format(...)`)."""
    constants = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = node.value.value
    return constants


def _template_text(node: ast.AST, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _looks_like_sql_template(text: str) -> bool:
    return bool(SQL_KEYWORDS.search(text) or QUOTED_PLACEHOLDER.search(text))


def find_sql_value_formatting(source: str, filename: str = "<string>") -> list[str]:
    """Problems as 'file:line: message', one per offending expression."""
    tree = ast.parse(source, filename=filename)
    constants = _string_constants(tree)
    problems = []

    def report(node: ast.AST, message: str) -> None:
        problems.append(f"{filename}:{node.lineno}: {message}")

    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            literal = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            if SQL_KEYWORDS.search(literal) and any(
                isinstance(v, ast.FormattedValue) and v.conversion == ord("r") for v in node.values
            ):
                report(node, "f-string formats a value with !r into SQL text: use a parameter")
            for before, value in zip(node.values, node.values[1:], strict=False):
                if (
                    isinstance(value, ast.FormattedValue)
                    and isinstance(before, ast.Constant)
                    and isinstance(before.value, str)
                    and before.value.endswith("'")
                ):
                    report(
                        node,
                        f"f-string puts {{{ast.unparse(value.value)}}} inside SQL quotes "
                        "('{...}'): pass the value as a parameter",
                    )
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left_text = _rightmost_text(node.left)
            right_text = _leftmost_text(node.right)
            if left_text is not None and left_text.endswith("'") and not _is_literal(node.right):
                report(node, "string ending in ' concatenated with a value: use a parameter")
            elif (
                right_text is not None and right_text.startswith("'") and not _is_literal(node.left)
            ):
                report(node, "value concatenated with a string starting with ': use a parameter")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            text = _template_text(node.left, constants)
            if text is not None and _looks_like_sql_template(text):
                report(node, "%-formatting of SQL text: pass the values as parameters")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("format", "format_map")
        ):
            text = _template_text(node.func.value, constants)
            if text is not None and _looks_like_sql_template(text):
                report(node, f".{node.func.attr}() of SQL text: pass the values as parameters")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("substitute", "safe_substitute")
            and isinstance(node.func.value, ast.Call)
            and node.func.value.args
        ):
            text = _template_text(node.func.value.args[0], constants)
            if text is not None and _looks_like_sql_template(text):
                report(node, "Template.substitute() of SQL text: pass the values as parameters")
    return problems


# In a .sql file: a parameter inside a string literal, or a placeholder for formatting.
SQL_LITERAL = re.compile(r"'(?:[^']|'')*'")
PARAMETER = re.compile(r"\$[A-Za-z_]\w*")
PLACEHOLDERS = [
    (re.compile(r"\{\{?\s*[A-Za-z_]\w*\s*\}?\}"), "placeholder for Python formatting"),
    (re.compile(r"%(\([A-Za-z_]\w*\))?[sd]\b"), "%-placeholder for Python formatting"),
]


def find_sql_file_problems(text: str, filename: str = "<sql>") -> list[str]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split("--", 1)[0]  # comments may quote a parameter's name
        where = f"{filename}:{number}"
        for literal in SQL_LITERAL.findall(code):
            if PARAMETER.search(literal):
                problems.append(f"{where}: parameter inside quotes is literal text: {literal}")
        outside = SQL_LITERAL.sub("''", code)
        for pattern, message in PLACEHOLDERS:
            if pattern.search(outside):
                problems.append(f"{where}: {message}: {code.strip()}")
    return problems


def _scanned_files() -> list[Path]:
    files = []
    for name in SCANNED:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(path.rglob("*.py")))
    return files


def test_scanned_files_exist():
    names = {p.relative_to(ROOT).as_posix() for p in _scanned_files()}
    assert "dashboard.py" in names
    assert any(name.startswith("etl/sources/") for name in names)


def test_every_project_python_folder_is_scanned():
    folders = {
        path.parent.relative_to(ROOT).parts[0]
        for path in ROOT.glob("*/*.py")
        if path.parent.name not in ("tests", ".venv") and not path.parent.name.startswith(".")
    }
    assert folders <= set(SCANNED)


SQL_FILES = sorted((ROOT / "queries").rglob("*.sql"))


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_placeholder_or_quoted_parameter_in_sql_files(path: Path):
    problems = find_sql_file_problems(
        path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "snippet",
    [
        "SELECT * FROM sources WHERE source_id = '$source_id'",
        "SELECT * FROM sources WHERE title LIKE '%$search%'",
        "SELECT * FROM sources WHERE source_id = {source_id}",
        "SELECT * FROM sources WHERE source_id = {{ source_id }}",
        "SELECT * FROM sources WHERE source_id = %s",
        "SELECT * FROM sources WHERE source_id = %(source_id)s",
    ],
)
def test_sql_file_check_catches_formatting(snippet):
    assert find_sql_file_problems(snippet, "q.sql")


@pytest.mark.parametrize(
    "snippet",
    [
        "SELECT * FROM sources WHERE source_id = $source_id",
        "SELECT {'a': 1, 'b': $x} AS s, '%' || $search || '%' AS pattern",
        "SELECT 100.0 * count(*) / sum(n) AS percent -- '$source_id' in a comment",
        "WHERE starts_with(region_id, $prefix) AND level = 'departement'",
    ],
)
def test_sql_file_check_accepts_parameters(snippet):
    assert find_sql_file_problems(snippet, "q.sql") == []


# Functions whose quote is not SQL: the CSV export's spreadsheet-formula guard ("'" + cell).
NOT_SQL = {"exports/table_csv.py": {"neutralise"}}


def _lines_of(source: str, functions: set[str]) -> set[int]:
    lines = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name in functions:
            lines |= set(range(node.lineno, node.end_lineno + 1))
    return lines


@pytest.mark.parametrize("path", _scanned_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_value_formatted_into_sql(path: Path):
    name = path.relative_to(ROOT).as_posix()
    source = path.read_text(encoding="utf-8")
    exempt = _lines_of(source, NOT_SQL.get(name, set()))
    problems = [
        p for p in find_sql_value_formatting(source, name) if int(p.split(":")[1]) not in exempt
    ]
    assert not problems, "values formatted into SQL text:\n" + "\n".join(problems)


# -- the scanner itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    "snippet",
    [
        'columns = {"source_id": f"\'{SOURCE.slug}\'"}',
        "region = f\"'{prefix}' || code\"",
        "sql = f\"CASE x WHEN '{code}' THEN '{finding}' END\"",
        'sql = ("SELECT * FROM t WHERE a = \'" f"{value}\'")',
        'known = "(" + ", ".join(f"\'{code}\'" for code in FINDINGS) + ")"',
        'literal = "\'" + value.replace("\'", "\'\'") + "\'"',
        'sql = "WHERE a = \'" + value + "\'"',
        "sql = \"SELECT * FROM t WHERE a = '{}'\".format(value)",
        'TEMPLATE = "SELECT * FROM t WHERE a = {}"\nsql = TEMPLATE.format(value)',
        "sql = \"SELECT * FROM t WHERE a = '%s'\" % value",
        'sql = f"SELECT * FROM t WHERE a = {value!r}"',
        "sql = \"SELECT * FROM t WHERE a = '{v}'\".format_map(values)",
        "sql = Template(\"SELECT * FROM t WHERE a = '$v'\").substitute(v=value)",
    ],
)
def test_scanner_catches_values_in_sql(snippet):
    problems = find_sql_value_formatting(snippet, "snippet.py")
    assert problems
    assert all(p.startswith("snippet.py:") for p in problems)


def test_scanner_names_file_and_line():
    snippet = 'x = 1\ncolumns = {\n    "source_id": f"\'{SOURCE.slug}\'",\n}\n'
    assert find_sql_value_formatting(snippet, "etl/sources/example.py") == [
        "etl/sources/example.py:3: f-string puts {SOURCE.slug} inside SQL quotes ('{...}'): "
        "pass the value as a parameter"
    ]


@pytest.mark.parametrize(
    "snippet",
    [
        'columns = {"source_id": "$source_id", "unit": "\'count\'"}',
        'rule = f\'"{column}" IS NOT NULL AND TRY_CAST("{column}" AS DOUBLE) IS NULL\'',
        'sql = f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv($path)"',
        "region = \"'FR-DEP-' || departement_code\"",
        'message = f"file {name}: {column!r} is not a number"',
        'missing = "not in data/reference/{} (add a row)"\ntext = missing.format(name)',
        "name = '\"' + identifier.replace('\"', '\"\"') + '\"'",
    ],
)
def test_scanner_accepts_parameters_and_identifiers(snippet):
    assert find_sql_value_formatting(snippet, "snippet.py") == []
