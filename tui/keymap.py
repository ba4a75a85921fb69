"""Keymap presets and user keymaps: TOML files mapping Textual binding ids to keys.

A file may `extends` a preset; a user file stacks on the preset it names.
Everything is validated before the app starts: unknown binding ids,
malformed keys, two actions on one key in one context, and primary actions
left without a key that survives SSH and tmux. Problems name the file and line.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys, _character_to_key

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_PRINTABLE_NAMES = {_character_to_key(chr(c)) for c in range(33, 127)}  # "slash", "question_mark", ...
_PLAIN_KEYS = {"enter", "space", "tab", "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
               "delete", "backspace"}
_NAMED_KEYS = {k.value for k in Keys} | _PLAIN_KEYS | {"escape"} | _PRINTABLE_NAMES
# ctrl+h, ctrl+i, ctrl+m, ctrl+j and ctrl+[ arrive as backspace, tab, enter,
# newline and escape on most terminals, so they cannot carry an action alone.
_AMBIGUOUS_CTRL = set("himj[")


class KeymapError(ValueError):
    """A keymap file is unusable; the message names the file and line."""


@dataclass
class Keymap:
    name: str
    bindings: dict[str, str] = field(default_factory=dict)  # binding id -> "key,key"
    origin: dict[str, tuple[str, int]] = field(default_factory=dict)  # binding id -> (file, line)


def preset_names() -> list[str]:
    return sorted(p.name[:-5] for p in resources.files("keymaps").iterdir() if p.name.endswith(".toml"))


def _preset_text(name: str) -> tuple[str, str]:
    res = resources.files("keymaps") / f"{name}.toml"
    if not res.is_file():
        raise KeymapError(f"no keymap preset named {name!r} (presets: {', '.join(preset_names())})")
    return str(res), res.read_text(encoding="utf-8")


def load_keymap(spec: str, _seen: tuple[str, ...] = ()) -> Keymap:
    """A preset by name or a TOML file by path, with what it extends merged underneath."""
    if "/" in spec or spec.endswith(".toml"):
        path = Path(spec).expanduser()
        try:
            where, text = str(path), path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KeymapError(f"{path}: cannot read keymap: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise KeymapError(f"{path}: not a UTF-8 text file") from None
    else:
        where, text = _preset_text(spec)
    if where in _seen:
        raise KeymapError(f"{where}: keymaps extend each other in a loop")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KeymapError(f"{where}: {exc}") from None
    unknown = set(data) - {"extends", "keys", "description"}
    if unknown:
        raise KeymapError(f"{where}:{_line(text, sorted(unknown)[0])}: unknown setting {sorted(unknown)[0]!r}")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise KeymapError(f"{where}: [keys] must map binding ids to key strings, like \"app.quit\" = \"ctrl+q\"")
    base = Keymap(Path(where).stem)
    if "extends" in data:
        base = load_keymap(str(data["extends"]), (*_seen, where))
    merged = Keymap(Path(where).stem, dict(base.bindings), dict(base.origin))
    for binding_id, keystr in keys.items():
        merged.bindings[binding_id] = keystr
        merged.origin[binding_id] = (where, _line(text, binding_id))
    return merged


def resolve_keymap(choice: str | None) -> Keymap:
    """The keymap to start with: `--keymap` (preset or file), else the user config's
    `keymap = ...`, else the default; the user config's [keys] stack on top.
    Raises KeymapError listing every problem, each with its file and line."""
    from db.paths import config_dir

    config = config_dir() / "config.toml"
    settings: dict = {}
    if config.exists():
        try:
            settings = tomllib.loads(config.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise KeymapError(f"{config}: {exc}") from None
    keymap = load_keymap(choice or str(settings.get("keymap", "default")))
    overrides = settings.get("keys") or {}
    if overrides:
        text = config.read_text(encoding="utf-8")
        for binding_id, keys in overrides.items():
            if not isinstance(keys, str):
                raise KeymapError(f"{config}:{_line(text, binding_id)}: {binding_id} must be a string of keys")
            keymap.bindings[binding_id] = keys
            keymap.origin[binding_id] = (str(config), _line(text, binding_id))
    problems = validate(keymap)
    if problems:
        raise KeymapError("the keymap has problems:\n" + "\n".join(f"  {p}" for p in problems))
    return keymap


def _line(text: str, key: str) -> int:
    pattern = re.compile(rf'^\s*(?:"{re.escape(key)}"|{re.escape(key)})\s*=')
    for n, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return n
    return 1


def key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can bind, or None."""
    parts = key.split("+")
    base, mods = parts[-1], parts[:-1]
    if not base or any(m not in MODIFIERS for m in mods):
        return f"{key!r} is not a key (modifiers are {', '.join(MODIFIERS)})"
    if len(base) == 1 and base.isprintable() and not base.isspace():
        return None
    if base in _NAMED_KEYS:
        return None
    try:
        unicodedata.lookup(base.replace("_", " ").upper())
        return None
    except KeyError:
        return f"{key!r} is not a key Textual knows"


def survives_ssh(key: str) -> bool:
    """Letters, digits, punctuation, F1-F10, editing keys and ctrl+letter reach the app over SSH and tmux."""
    parts = key.split("+")
    base, mods = parts[-1], parts[:-1]
    if not mods:
        return len(base) == 1 or base in _PRINTABLE_NAMES or base in _PLAIN_KEYS or bool(re.fullmatch(r"f([1-9]|10)", base))
    if mods == ["ctrl"]:
        return len(base) == 1 and base.isalpha() and base not in _AMBIGUOUS_CTRL
    return False


@dataclass(frozen=True)
class BindingInfo:
    id: str
    context: str  # the class that owns the binding
    key: str  # the default key(s)
    description: str
    primary: bool  # shown in the footer: a primary action


def catalog(contexts: dict[str, list[Binding]] | None = None) -> dict[str, BindingInfo]:
    """Every binding with an id, by id (default: all of ChartKey's, from tui.bindings)."""
    from tui.bindings import CONTEXTS

    out: dict[str, BindingInfo] = {}
    for context, declared in (contexts or CONTEXTS).items():
        for b in declared:
            if b.id:
                out[b.id] = BindingInfo(b.id, context, b.key, b.description, b.show)
    return out


def validate(keymap: Keymap, contexts: dict[str, list[Binding]] | None = None) -> list[str]:
    """Every problem with `keymap` against the declared bindings, one line each."""
    known = catalog(contexts)
    problems = []

    def where(bid: str) -> str:
        file, line = keymap.origin.get(bid, ("(defaults)", 0))
        return f"{file}:{line}"

    effective: dict[str, list[str]] = {}
    for bid, info in known.items():
        effective[bid] = [k.strip() for k in keymap.bindings.get(bid, info.key).split(",") if k.strip()]
    for bid in keymap.bindings:
        if bid not in known:
            problems.append(f"{where(bid)}: unknown binding id {bid!r}")
    for bid, keys in effective.items():
        if bid in keymap.bindings and not keys:
            problems.append(f"{where(bid)}: {bid} has no key")
        for k in keys:
            if (p := key_problem(k)) and bid in keymap.bindings:
                problems.append(f"{where(bid)}: {bid}: {p}")
        if known[bid].primary and keys and not any(survives_ssh(k) for k in keys):
            problems.append(
                f"{where(bid)}: {bid} needs at least one key that survives SSH and tmux "
                f"(a letter, digit, F1-F10 or ctrl+letter), not only {', '.join(keys)}"
            )
    # the chart's keys are pressed while its search box has focus: the box's own keys come first
    from textual.widgets import Input

    taken = {k.strip() for b in Input.BINDINGS for k in b.key.split(",")}
    for bid, keys in effective.items():
        if known[bid].context in ("Chart", "Code search", "Everywhere"):
            for k in keys:
                if k in taken and k.startswith("ctrl+") and bid in keymap.bindings:
                    problems.append(f"{where(bid)}: {bid}: {k!r} is taken by the search box (text editing)")
    seen: dict[tuple[str, str], str] = {}
    for bid, keys in effective.items():
        ctx = known[bid].context
        for k in keys:
            other = seen.get((ctx, k))
            if other and other != bid:
                culprit = bid if bid in keymap.bindings else other
                problems.append(f"{where(culprit)}: {k!r} is bound to both {other} and {bid} in {ctx}")
            seen[(ctx, k)] = bid
    return problems
