"""ChartKey's data layer: code sets, search, the shared store, grouping, reports.

Everything here returns plain dataclasses and never imports Textual, so the
command line, the benchmarks and the TUI share one implementation.
"""
