"""Where review templates run: Jinja's sandbox, confined to its folders and to a budget.

A plan repository may override the review templates, so a template is
untrusted. Jinja's sandbox stops it reaching Python; this module also stops
it reading files outside its template folders (through a symbolic link or
``..``), recursing without end, building a string or a list of gigabytes, or
looping for minutes. The work is counted, never timed, so a template stops
at the same place on every machine, and no signals are used.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemLoader, nodes
from jinja2.loaders import split_template_path
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment

from pmkit.load.text import inside

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.runtime import Context


@dataclass(frozen=True, slots=True)
class TemplateLimits:
    """How much a review template may do (see SECURITY.md)."""

    output_chars: int = 20 * 1024 * 1024
    """The longest review, and the longest string or list a template may build."""
    work: int = 5_000_000
    """Loop steps, calls, attribute look-ups and operators a template may take in all."""
    template_bytes: int = 1024 * 1024
    """The largest template file read."""


class TemplateLimitError(Exception):
    """A template went past one of its limits, or outside its folders."""


class ConfinedLoader(FileSystemLoader):
    """A folder of templates that reads only regular files really inside that folder.

    With ``within``, they must also really be inside that folder: a
    repository's ``templates/`` that is itself a link out of the repository
    is refused too.
    """

    def __init__(self, folder: str, *, max_bytes: int, within: str | None = None) -> None:
        super().__init__(folder)
        self.max_bytes = max_bytes
        self.within = within

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """Check where ``template`` really is before it is read."""
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = os.path.join(folder, *pieces)  # noqa: PTH118 (as Jinja's own loader)
            if not os.path.lexists(candidate):
                continue
            if not inside(candidate, folder) or (
                self.within is not None and not inside(candidate, self.within)
            ):
                raise TemplateLimitError(
                    f"template {template} leads outside the template folder {folder} "
                    "(a symbolic link?): templates may use only files inside it"
                )
            found = Path(os.path.realpath(candidate)).stat()
            if not stat.S_ISREG(found.st_mode):
                raise TemplateLimitError(f"{template} is not a regular file")
            if found.st_size > self.max_bytes:
                raise TemplateLimitError(
                    f"{template} is {found.st_size:,} bytes; "
                    f"templates may be up to {self.max_bytes:,}"
                )
        return super().get_source(environment, template)


# Widths in a format string: "{:>99999999}", "%99999999d".
_WIDTH = re.compile(r"\d+")
_SIZED_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "replace", "join"}
)


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, counting the work a template does and the size of what it builds."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, limits: TemplateLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.steps = 0
        self.globals["range"] = self._range
        self.filters["_pmkit_step"] = self._stepping
        self.filters["_pmkit_sized"] = self._sized
        for name in ("center", "indent", "format", "join", "replace"):
            self.filters[name] = self._checked_filter(name, self.filters[name])

    # -- counting ------------------------------------------------------------------------

    def step(self, count: int = 1) -> None:
        """Count ``count`` units of work; stop the template past its budget."""
        self.steps += count
        if self.steps > self.limits.work:
            raise TemplateLimitError(
                f"the template did more than {self.limits.work:,} steps of work "
                "(loops within loops?) and was stopped"
            )

    def _stepping(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateLimitError(
                f"range() of {len(numbers):,} numbers: a template may use up to {MAX_RANGE:,}"
            )
        self.step()
        return numbers

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse; then every loop counts its steps, and every ``~`` checks its sizes."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_pmkit_step", [], [], None, None)
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [
                nodes.Filter(node, "_pmkit_sized", [], [], None, None) for node in concat.nodes
            ]
        return tree

    # -- sizes ---------------------------------------------------------------------------

    def _sized(self, value: Any) -> Any:
        self.check_size(_length(value))
        return value

    def check_size(self, size: int) -> None:
        """Stop a template about to build a string or list longer than a whole review."""
        if size > self.limits.output_chars:
            raise TemplateLimitError(
                f"the template tried to build something of {size:,} characters or items; "
                f"a review may be up to {self.limits.output_chars:,}"
            )

    def _widths(self, text: Any) -> None:
        if isinstance(text, str):
            for width in _WIDTH.findall(text):
                self.check_size(int(width[:12]))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Check the size of what ``*``, ``**``, ``+`` and ``%`` would build, then build it."""
        self.step()
        if operator == "*":
            for one, other in ((left, right), (right, left)):
                if isinstance(one, str | list | tuple) and isinstance(other, int):
                    self.check_size(len(one) * other)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            self.check_size(abs(left).bit_length() * max(right, 0) // 3)
        elif operator == "+" and isinstance(left, str | list | tuple):
            self.check_size(_length(left) + _length(right))
        elif operator == "%":
            self._widths(left)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Count an attribute look-up."""
        self.step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Count an item look-up."""
        self.step()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Count a call, and check what a string method would build before it runs."""
        __self.step()
        # The sandbox hands out str.format wrapped; the string is the wrapped method's owner.
        method = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str) and name in _SIZED_METHODS:
            __self._string_method(owner, name, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def _string_method(self, text: str, name: str, args: Any, kwargs: Any) -> None:
        values = [*args, *kwargs.values()]
        for value in values:
            if isinstance(value, int) and not isinstance(value, bool):
                self.check_size(value)
        if name in ("format", "format_map"):
            self._widths(text)
        elif name == "replace" and len(values) >= 2:
            self._replacing(text, values[0], values[1])
        elif name == "join" and values:
            self._joining(values[0], text)

    def _replacing(self, text: Any, old: Any, new: Any) -> None:
        text, old, new = str(text), str(old), str(new)
        times = text.count(old) if old else len(text) + 1
        self.check_size(len(text) + times * max(len(new) - len(old), 0))

    def _joining(self, items: Any, separator: Any) -> None:
        if isinstance(items, list | tuple):  # a generator is left alone: it cannot be sized
            size = sum(_length(item) for item in items)
            self.check_size(size + _length(separator) * len(items))

    def _checked_filter(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def checked(*args: Any, **kwargs: Any) -> Any:
            # Filters that take the evaluation context get it first; the value comes next.
            given = list(args[1:] if getattr(original, "jinja_pass_arg", None) else args)
            for value in [*given, *kwargs.values()]:
                if isinstance(value, int) and not isinstance(value, bool):
                    self.check_size(value)
            if name == "format" and given:
                self._widths(given[0])
            elif name == "replace" and len(given) >= 3:
                self._replacing(given[0], given[1], given[2])
            elif name == "join" and given:
                self._joining(given[0], given[1] if len(given) > 1 else kwargs.get("d", ""))
            return original(*args, **kwargs)

        if hasattr(original, "jinja_pass_arg"):
            checked.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
        return checked


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else len(str(value))
