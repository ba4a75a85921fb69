"""ChartKey's presentation layer: the Textual app, its screens and widgets,
keymap loading and the command-line entry point."""
