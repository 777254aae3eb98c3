"""The app in a browser (``huabei serve``), open only to the person who started it.

``access`` holds the rules (the token, the addresses served, which Host and Origin headers belong to them) with no
web framework in it, so they are tested directly; ``server`` puts them in front of textual-serve. Only ``server``
imports aiohttp and textual-serve, which come with the optional ``web`` extra.
"""
