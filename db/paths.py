"""Where ChartKey keeps its files: platform cache, data and config directories.

Environment variables override the platform defaults so a team can point every
coder at one shared reference database and one shared store.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path

APP = "chartkey"
REFERENCE_FILENAME = "reference.sqlite"


def reference_path(explicit: str | os.PathLike | None = None) -> Path:
    """The reference code-set database: `--codes`, then CHARTKEY_CODES, then the cache dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("CHARTKEY_CODES")
    if env:
        return Path(env).expanduser()
    return user_cache_path(APP) / REFERENCE_FILENAME


def config_dir() -> Path:
    return user_config_path(APP)


def data_dir() -> Path:
    return user_data_path(APP)


DEMO_STORE_FILENAME = "demo-store.sqlite"


def store_path(explicit: str | os.PathLike | None = None) -> Path:
    """The shared store: `--db`, then CHARTKEY_DB, then the demo store in the data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("CHARTKEY_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / DEMO_STORE_FILENAME
