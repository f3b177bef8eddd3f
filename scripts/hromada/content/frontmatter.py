"""Reading YAML front matter with the line and column of every key and value.

PyYAML's composer keeps a mark on every node; we build plain Python values from the node
tree ourselves so that each value keeps its position, duplicate keys are caught, and
times such as `9:30` stay strings instead of YAML 1.1 base-60 integers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from hromada.content.diagnostics import Diagnostic, error

Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column in the file

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()

# The YAML problems editors meet most, in Ukrainian; anything else is named as PyYAML says.
_PROBLEMS_UK = (
    ("found character '\\t'", "табуляцію не можна використовувати у YAML",
     "замініть табуляцію пробілами (по 2 пробіли на рівень)"),
    ("mapping values are not allowed", "двокрапка тут недоречна",
     "якщо значення містить «: », візьміть його в лапки"),
    ("could not find expected ':'", "не знайдено двокрапки після ключа",
     "кожен рядок має вигляд «ключ: значення»; перевірте відступи"),
    ("expected <block end>", "неправильний відступ",
     "елементи одного рівня мають починатися з однакового відступу"),
    ("while scanning a quoted scalar", "лапки не закрито", "закрийте лапки в тому ж значенні"),
    ("unexpected end of stream", "несподіваний кінець: щось не закрито",
     "перевірте лапки та дужки [ ] { }"),
    ("while parsing a flow", "список або словник у дужках не закрито", "перевірте дужки [ ] { }"),
    ("found undefined alias", "невідоме посилання (alias) «*»", "не використовуйте «*» на початку значення без лапок"),
    ("while scanning an alias", "символ «*» на початку значення", "візьміть значення в лапки"),
    ("while scanning an anchor", "символ «&» на початку значення", "візьміть значення в лапки"),
    ("found character '@'", "символ «@» не може починати значення", "візьміть значення в лапки"),
    ("found character '`'", "символ «`» не може починати значення", "візьміть значення в лапки"),
    ("expected a comment or a line break", "зайвий текст після значення",
     "візьміть значення в лапки або перенесіть текст на новий рядок"),
    ("expected alphabetic or numeric character", "неправильний символ після «*» або «&»",
     "візьміть значення в лапки"),
    ("while scanning a simple key", "не знайдено двокрапки після ключа",
     "кожен рядок має вигляд «ключ: значення»"),
    # libyaml (the fast reader) words the same problems differently.
    ("did not find expected key", "неправильний відступ або зайвий текст після значення",
     "ключі одного рівня починаються з тієї самої колонки; текст із «: » візьміть у лапки"),
    ("did not find expected '-' indicator", "неправильний відступ у списку",
     "усі пункти списку («- …») мають однаковий відступ"),
    ("found character that cannot start any token", "символ, з якого не може починатися значення (табуляція, «@» чи «`»)",
     "замініть табуляцію пробілами або візьміть значення в лапки"),
    ("did not find expected node content", "бракує значення", "допишіть значення після двокрапки або дефіса"),
    ("found unknown escape character", "невідома послідовність із «\\» у подвійних лапках",
     "напишіть «\\\\» або візьміть значення в одинарні лапки"),
    ("found undefined tag handle", "символ «!» на початку значення", "візьміть значення в лапки"),
    ("block sequence entries are not allowed", "список не на своєму місці",
     "список починається з нового рядка після «ключ:», з відступом"),
    ("did not find expected comment or line break", "зайвий текст після значення",
     "візьміть значення в лапки або перенесіть текст на новий рядок"),
    ("found unexpected ':'", "зайва двокрапка", "візьміть значення в лапки"),
    ("exceeded maximum nesting depth", "забагато вкладених рівнів", "front matter має бути простим: кілька рівнів відступу"),
    ("but found another document", "ще один блок «---» усередині front matter",
     "front matter — один блок між двома рядками «---»; приберіть зайвий «---» або «...»"),
    ("expected a single document", "ще один блок «---» усередині front matter",
     "front matter — один блок між двома рядками «---»; приберіть зайвий «---» або «...»"),
    ("found a tab character", "табуляцію не можна використовувати у YAML",
     "замініть табуляцію пробілами (по 2 пробіли на рівень)"),
    ("control characters are not allowed", "недрукований символ у front matter",
     "приберіть недрукований символ (його не видно: перенабрати рядок)"),
    ("special characters are not allowed", "недрукований символ у front matter",
     "приберіть недрукований символ (його не видно: перенабрати рядок)"),
)  # fmt: skip
# Front matter is a handful of fields: these bounds stop a crafted head (an alias bomb, thousands
# of nested levels, a megabyte of YAML) from taking the checker's time or memory.
MAX_DEPTH = 12
MAX_NODES = 20_000
MAX_HEAD_BYTES = 200_000


@dataclass
class FrontMatter:
    """The parsed head of a Markdown file and where everything in it stands."""

    data: dict[str, Any] = field(default_factory=dict)
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    present: bool = False
    start_line: int = 1  # line of the opening ---
    body: str = ""
    body_line: int = 1  # file line of the body's first line

    def line_of(self, path: Path_) -> Position:
        """Best position for a problem at `path`: the value, else its key, else the nearest parent."""
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return (self.start_line, 1)

    def key_line(self, path: Path_) -> Position:
        return self.keys.get(path) or self.line_of(path)


_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


def split(text: str) -> tuple[str | None, int, str, int]:
    """Return (yaml text or None, its first line, body, body's first line). None yaml means no head."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 1, text, 1
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]):
            return "\n".join(lines[1:i]), 2, "\n".join(lines[i + 1 :]), i + 2
    raise _Unclosed()


class _Unclosed(Exception):
    pass


def parse(text: str, path: str) -> tuple[FrontMatter, list[Diagnostic]]:
    """Parse the front matter of `text` (newlines already normalised)."""
    fm = FrontMatter()
    try:
        head, head_line, fm.body, fm.body_line = split(text)
    except _Unclosed:
        return fm, [error(path, 1, 1, "HR003", "front matter не закрито рядком «---»",
                          "додайте рядок «---» після останнього ключа")]
    if head is None:
        fm.body = text
        return fm, []
    fm.present = True
    fm.start_line = head_line - 1
    offset = head_line - 1
    if len(head) > MAX_HEAD_BYTES:
        return fm, [error(path, head_line, 1, "HR005", f"front matter завеликий ({len(head) // 1000} КБ)",
                          "front matter — кілька полів; довгий текст пишіть у тілі сторінки, після «---»")]
    try:
        bounds = _bounds(head, path, offset)
        if bounds:
            return fm, [bounds]
        root = yaml.compose(head, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (head_line, 1)
        message, hint = _translate(str(exc.problem or exc.context or ""))
        return fm, [error(path, line, col, "HR002", f"помилка синтаксису YAML: {message}", hint)]
    except yaml.YAMLError as exc:  # reader errors, e.g. control characters
        return fm, [error(path, head_line, 1, "HR002", f"помилка синтаксису YAML: {exc}",
                          "приберіть недрукувані символи з front matter")]
    if root is None:
        return fm, []
    if not isinstance(root, yaml.MappingNode):
        line, col = _pos(root, offset)
        return fm, [error(path, line, col, "HR005", "front matter має бути набором «ключ: значення»",
                          "кожен рядок між «---» має вигляд «ключ: значення»")]
    builder = _Builder(path, offset, fm)
    fm.data = builder.build(root, ())
    return fm, builder.diagnostics


def _bounds(head: str, path: str, offset: int) -> Diagnostic | None:
    """One pass over YAML's events, before any value is built: no aliases, bounded depth and size."""
    depth = nodes = 0
    for event in yaml.parse(head, Loader=_Loader):
        line, col = event.start_mark.line + 1 + offset, event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return error(path, line, col, "HR016", "посилання YAML («&назва» і «*назва») у front matter не підтримуються",
                         "напишіть значення повністю; якщо текст починається з «&» чи «*», візьміть його в лапки")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return error(path, line, col, "HR016", f"забагато вкладених рівнів (більше за {MAX_DEPTH})",
                             "front matter має бути простим: кілька рівнів відступу")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                return error(path, line, col, "HR016", f"front matter має понад {MAX_NODES} значень",
                             "front matter — кілька полів; довгі списки винесіть у тіло сторінки")
    return None


def _translate(problem: str) -> tuple[str, str]:
    for needle, message, hint in _PROBLEMS_UK:
        if needle in problem:
            return message, hint
    return problem or "невідома помилка", "перевірте відступи, двокрапки й лапки в цьому рядку"


def _pos(node: yaml.Node, offset: int) -> Position:
    return node.start_mark.line + 1 + offset, node.start_mark.column + 1


class _Builder:
    def __init__(self, path: str, offset: int, fm: FrontMatter) -> None:
        self.path, self.offset, self.fm = path, offset, fm
        self.diagnostics: list[Diagnostic] = []

    def build(self, node: yaml.Node, where: Path_) -> Any:
        self.fm.values[where] = _pos(node, self.offset)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node)
                here = (*where, key)
                if key in result:
                    line, col = _pos(key_node, self.offset)
                    first = self.fm.keys[here][0]
                    self.diagnostics.append(error(
                        self.path, line, col, "HR004", f"ключ «{key}» повторюється (уперше в рядку {first})",
                        "залиште один із двох ключів"))
                    continue
                self.fm.keys[here] = _pos(key_node, self.offset)
                result[key] = self.build(value_node, here)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _key(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        return str(self._scalar(node)) if not isinstance(node, yaml.CollectionNode) else "?"

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        if node.style in ("'", '"', "|", ">"):
            return node.value
        if ":" in node.value and node.tag.endswith((":int", ":float")):
            return node.value  # «9:30» is a time, not YAML 1.1's base-60 number 570
        constructor = _constructor.yaml_constructors.get(node.tag)
        if constructor is None:
            return node.value
        try:
            return constructor(_constructor, node)
        except (ValueError, yaml.YAMLError):
            return node.value  # e.g. 2020-02-30: kept as text, the model reports the bad date
