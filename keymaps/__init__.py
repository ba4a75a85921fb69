"""Keymap presets (TOML), shipped with the package and found with importlib.resources."""
