"""A bare Textual app: the yardstick the ChartKey start-up and memory figures are compared with."""

from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("bare app ready")


if __name__ == "__main__":
    Bare().run()
