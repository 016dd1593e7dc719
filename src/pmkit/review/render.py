"""Rendering a review: JSON for tools, Markdown (and later HTML) through Jinja templates.

Templates live in the package; a plan repository may override any of them
(a ``templates/`` folder beside the plan, or ``--template-dir``). They run in
Jinja's sandbox, so an override cannot reach Python's internals, and every
piece of plan text passes through an escaping filter, so hostile text in a
title or a commentary cannot change the report's structure.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from pmkit.judgement.status import Rag
from pmkit.plaintext import json_text, visible
from pmkit.report.escape import markdown_cell
from pmkit.review.numbers import number

if TYPE_CHECKING:
    from pathlib import Path

    from pmkit.review.sandbox import BoundedEnvironment, TemplateLimits

SHOWN = (Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NO_DATA, Rag.NOT_DUE, Rag.NO_TARGET)
"""The statuses in the order reviews list them."""

FORMATS: dict[str, dict[str, str | None]] = {
    "quarter": {"md": "quarter.md.j2", "html": "quarter.html.j2", "json": None},
    "year": {"md": "year.md.j2", "html": "year.html.j2", "json": None},
}
"""The formats of each kind of review: a template's name, or ``None`` for JSON."""


class TemplateProblem(Exception):
    """A template that cannot be loaded or run, said plainly."""


def plain(value: Any) -> Any:
    """The review as JSON-ready data: dataclasses to dicts, exact numbers to numbers.

    A dataclass's fields are dumped, then any properties it names in
    ``JSON_PROPERTIES`` (worked out from its fields, so never stale).
    """
    if is_dataclass(value) and not isinstance(value, type):
        found = {item.name: plain(getattr(value, item.name)) for item in fields(value)}
        # A result may name properties worth dumping too (a resource line's shortfall).
        for name in getattr(value, "JSON_PROPERTIES", ()):
            found[name] = plain(getattr(value, name))
        return found
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(round(value, 6))
    return value


def to_json(review: Any) -> str:
    """The review as indented JSON."""
    data = plain(review)
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def environment(
    override: Path | None,
    *,
    html: bool = False,
    limits: TemplateLimits | None = None,
    within: Path | None = None,
) -> BoundedEnvironment:
    """A sandboxed Jinja environment: the override folder first, then the package's templates.

    Templates in the override folder are read only if they really are inside
    it (and inside ``within``, the plan's folder, when the override is the
    plan repository's own), and every template runs within ``limits``. For HTML, autoescaping is
    on, and the charts (built by pmkit, escaping every piece of plan text
    themselves) are the only markup let through.
    """
    from jinja2 import ChoiceLoader, PackageLoader, StrictUndefined

    from pmkit.review.sandbox import BoundedEnvironment, ConfinedLoader, TemplateLimits

    limits = limits or TemplateLimits()
    loaders: list[Any] = []
    if override is not None and override.is_dir():
        loaders.append(
            ConfinedLoader(
                str(override),
                max_bytes=limits.template_bytes,
                within=str(within) if within is not None else None,
            )
        )
    loaders.append(PackageLoader("pmkit.review", "templates"))
    env = BoundedEnvironment(
        limits=limits,
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    env.filters["md"] = lambda text: markdown_cell("" if text is None else str(text))
    env.filters["num"] = number
    env.globals["statuses"] = list(SHOWN)
    env.globals["status_words"] = {
        status.value: f"{status.symbol} {status.words}" for status in SHOWN
    }
    if html:
        from markupsafe import Markup

        from pmkit.review import charts, spc_chart, trend

        env.globals["trend_chart"] = lambda item, key: Markup(trend.trend_chart(item, key))
        env.globals["sparkline"] = lambda item: Markup(charts.sparkline_svg(item))
        env.globals["status_summary"] = lambda counts, words: Markup(
            charts.status_summary(counts, words)
        )
        spc_chart.register(env.globals)
    return env


def _shown(value: Any) -> Any:
    """Every piece of text a template prints, with control characters shown, not obeyed.

    Markup pmkit built itself (the charts) is left as it is.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return visible(value, lines=True)
    return value


def render(
    review: Any,
    template: str,
    *,
    override: Path | None = None,
    limits: TemplateLimits | None = None,
    within: Path | None = None,
) -> str:
    """Render ``review`` with the named template, or raise :class:`TemplateProblem`."""
    from jinja2 import TemplateError, TemplateNotFound
    from jinja2.exceptions import SecurityError

    from pmkit.review.sandbox import TemplateLimitError

    env = environment(override, html=template.endswith(".html.j2"), limits=limits, within=within)
    try:
        return _bounded(env, template, review)
    except TemplateLimitError as error:
        raise TemplateProblem(f"template {template}: {error}") from None
    except RecursionError:
        raise TemplateProblem(
            f"template {template}: templates or macros include or call themselves without end"
        ) from None
    except SecurityError as error:
        raise TemplateProblem(
            f"the template tried something unsafe and was stopped: {error}"
        ) from None
    except TemplateNotFound as error:
        raise TemplateProblem(
            f"template {template}: there is no template {error.name!r} to import or include "
            "(a template can use only other templates, not Python modules)"
        ) from None
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        name = getattr(error, "name", None) or template
        raise TemplateProblem(f"template {name}{where}: {error.message}") from None
    except (ArithmeticError, LookupError, TypeError, ValueError) as error:
        # The template's own mistake (or a limit of the sandbox), not pmkit's.
        raise TemplateProblem(
            f"template {template}{_line(error)}: {type(error).__name__}: {error}"
        ) from None


def _bounded(env: BoundedEnvironment, template: str, review: Any) -> str:
    """Render piece by piece, stopping as soon as the review grows past its limit."""
    from pmkit.review.sandbox import TemplateLimitError

    pieces: list[str] = []
    size = 0
    for piece in env.get_template(template).generate(review=review):
        size += len(piece)
        if size > env.limits.output_chars:
            raise TemplateLimitError(
                f"the review grew past {env.limits.output_chars:,} characters and was stopped"
            )
        pieces.append(piece)
    return "".join(pieces)


def _line(error: BaseException) -> str:
    """Where in a template ``error`` happened: Jinja's frames carry the template's lines."""
    import traceback

    lines = [
        frame.lineno
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.endswith(".py")
    ]
    return f" (line {lines[-1]})" if lines else ""


def render_review(
    review: Any,
    kind: str,
    output_format: str,
    *,
    override: Path | None = None,
    within: Path | None = None,
) -> str:
    """``review`` (a ``quarter`` or a ``year``) in ``output_format``, from the format registry."""
    formats = FORMATS[kind]
    if output_format not in formats:
        shown = " or ".join(formats)
        raise TemplateProblem(f"the {kind} review is available as {shown}")
    template = formats[output_format]
    if template is None:
        return to_json(review)
    return render(review, template, override=override, within=within)
