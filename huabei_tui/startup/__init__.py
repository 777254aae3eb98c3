"""What runs before Textual is imported: the previous run's first frame, shown at once (issue 15, goal 1).

Importing Textual and building the first screen takes several times longer than starting Python. The first
screen is a pure function of a few inputs (the data file, today's date in Shanghai, the terminal's size, the
language and colour settings, the theme, the code), so the frame the terminal received for it last time is kept
under a key made of all of them (``frame_key``), in a private cache file (``frame_cache``), and written to the
terminal before Textual is imported (``early_frame``) when the key matches. The Textual side, which records the
frame and keeps Textual's alternate-screen switch from clearing it, is ``huabei_tui.ui.frame_recorder``.

The quick start without a picture (``--no-snapshot``, or no frame saved): a child process reads the data while
Textual is imported (``prefetch``), and the status screen's plain content is kept between runs (``view_cache``),
so that a repeated start reads no data at all before Textual draws its first frame.

Nothing in this package imports Textual, TinyDB or the storage layer: it runs on every start of the app.
"""
