"""The Huabei rules as pure Python.

Nothing in this package imports Textual or TinyDB: the rules are the part of the product that must be right, so
they are kept where they can be tested without an event loop or a file (a test checks ``sys.modules``).
"""
