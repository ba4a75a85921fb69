"""Keymap presets, user keymaps stacked on them, and validation with file and line."""

import pytest

from tests.app_helpers import demo_store, make_app, wait_for
from tests.conftest import run_cli
from tui.keymap import KeymapError, catalog, load_keymap, preset_names, resolve_keymap, survives_ssh, validate
from tui.screens.chart import ChartScreen
from tui.screens.queue import QueueScreen


def test_presets_exist_and_validate():
    assert {"default", "vim", "fkeys"} <= set(preset_names())
    for name in ("default", "vim", "fkeys"):
        assert resolve_keymap(name).bindings


def test_every_binding_has_an_id_and_every_primary_action_survives_ssh():
    known = catalog()
    assert len(known) > 30
    keymap = resolve_keymap("default")
    for info in known.values():
        keys = keymap.bindings.get(info.id, info.key).split(",")
        if info.primary:
            assert any(survives_ssh(k) for k in keys), info.id


@pytest.mark.parametrize("key, ok", [("f2", True), ("f10", True), ("f11", False), ("ctrl+s", True), ("ctrl+h", False),
                                     ("ctrl+m", False), ("c", True), ("slash", True), ("ctrl+enter", False),
                                     ("escape", False)])
def test_keys_that_survive_ssh_and_tmux(key, ok):
    assert survives_ssh(key) is ok


def write(tmp_path, text, name="mine.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_user_keymap_stacks_on_a_preset(tmp_path):
    path = write(tmp_path, 'extends = "vim"\n[keys]\n"chart.commit" = "f10"\n')
    keymap = load_keymap(str(path))
    assert keymap.bindings["chart.commit"] == "f10"
    assert keymap.bindings["abstract.delete"] == "x,delete"  # from vim
    assert keymap.bindings["queue.claim_next"] == "c"  # from default, through vim
    assert validate(keymap) == []


@pytest.mark.parametrize(
    "text, message",
    [
        ('[keys]\n"chart.comit" = "f10"\n', "mine.toml:3: unknown binding id 'chart.comit'"),
        ('[keys]\n"chart.commit" = "ctrl+alt+bogus"\n', "mine.toml:3: chart.commit: 'ctrl+alt+bogus' is not a key"),
        ('[keys]\n"chart.commit" = "hyperspace"\n', "mine.toml:3: chart.commit: 'hyperspace' is not a key Textual knows"),
        ('\n[keys]\n"chart.commit" = "f3"\n', "mine.toml:4: 'f3' is bound to both chart.principal and chart.commit"),
        ('[keys]\n"chart.commit" = "ctrl+m"\n', "chart.commit needs at least one key that survives SSH"),
    ],
)
def test_malformed_keymaps_are_rejected_with_file_and_line(tmp_path, text, message):
    path = write(tmp_path, 'extends = "default"\n' + text)
    with pytest.raises(KeymapError) as info:
        resolve_keymap(str(path))
    assert message in str(info.value)


def test_unreadable_toml_is_named(tmp_path):
    path = write(tmp_path, "[keys\n")
    with pytest.raises(KeymapError, match="mine.toml"):
        load_keymap(str(path))


def test_cli_refuses_a_bad_keymap_before_starting(tmp_path):
    path = write(tmp_path, '[keys]\n"chart.comit" = "f10"\n')
    result = run_cli("--keymap", str(path))
    assert result.returncode == 2
    assert b"unknown binding id 'chart.comit'" in result.stderr and b"Traceback" not in result.stderr


def test_user_config_file_chooses_and_overrides(tmp_path, monkeypatch):
    config = tmp_path / "xdg_config_home" / "chartkey"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('keymap = "fkeys"\n[keys]\n"chart.release" = "ctrl+y"\n"chart.summary" = "ctrl+r"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg_config_home"))
    keymap = resolve_keymap(None)
    assert keymap.bindings["queue.claim_next"] == "f3,c" and keymap.bindings["chart.release"] == "ctrl+y"


async def test_preset_keys_work_in_the_app(reference_path, tmp_path):
    store = demo_store(tmp_path / "demo.sqlite")
    app = make_app(reference_path, store, keymap=resolve_keymap("fkeys"))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.store is not None
                       and app.screen.query_one("#queue-table").row_count, what="the queue")
        await pilot.press("f3")  # fkeys: claim next
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="the chart")
    app = make_app(reference_path, store, keymap=resolve_keymap("vim"))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.store is not None
                       and app.screen.query_one("#queue-table").row_count, what="the queue")
        table = app.screen.query_one("#queue-table")
        table.focus()
        before = table.cursor_row
        await pilot.press("j", "j")
        assert table.cursor_row == before + 2


def test_a_key_the_search_box_uses_is_refused(tmp_path):
    path = write(tmp_path, 'extends = "default"\n[keys]\n"chart.tables" = "ctrl+e"\n')
    with pytest.raises(KeymapError, match="'ctrl\\+e' is taken by the search box"):
        resolve_keymap(str(path))
