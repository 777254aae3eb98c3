"""A path quoted for a suggested command: pasted into bash it is the path, byte for byte; on screen it is inert.

A file name may hold ESC, a C1 control or a bidi override; ``shlex.quote`` kept them, the message's cleaning for
the terminal dropped them, and the command shown named another file. Bash and zsh are run where they are
installed (the round trip is the point), skipped elsewhere; the inertness holds without them.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.domain.shell_words import shell_quote
from huabei_tui.domain.textsafe import has_controls, sanitize

BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="bash is not installed")
#: The shells a suggested command is pasted into, with the option that skips the user's start-up files.
SHELLS = [pytest.param(name, option, marks=pytest.mark.skipif(shutil.which(name) is None,
                                                              reason=f"{name} is not installed"))
          for name, option in (("bash", "--norc"), ("zsh", "-f"))]

#: Characters that make paths interesting: controls, C1, bidi, zero-width, the shells' own quoting characters.
TRICKY = "\x1b\x9b\x9d\x07\x7f\t\n\r\u202e\u2066\u200b\u00a0\u3000'\"!\\$`* ~-信"
#: Any path a Linux file system can hold: text without NUL (bias to the tricky characters), or bytes that need
#: not be UTF-8 (Python holds the undecodable bytes as lone surrogates, ``os.fsdecode``).
paths = st.one_of(
    st.text(st.one_of(st.sampled_from(TRICKY), st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))),
    st.binary().filter(lambda raw: b"\x00" not in raw).map(os.fsdecode),
)


def shell_prints(word: str, shell: str = "bash", option: str = "--norc", locale: str = "C.UTF-8") -> bytes:
    """What ``shell`` prints for ``printf %s WORD``: the bytes the word stands for."""
    done = subprocess.run([shutil.which(shell) or shell, option, "-c", "printf %s " + word], capture_output=True,
                          timeout=10, check=True, env={"PATH": os.environ.get("PATH", ""), "LC_ALL": locale})
    return done.stdout


@pytest.mark.parametrize(("shell", "option"), SHELLS)
def test_the_shell_reads_the_quoted_path_back_byte_for_byte(shell: str, option: str) -> None:
    @settings(max_examples=150, deadline=None)
    @given(paths)
    def round_trip(path: str) -> None:
        assert shell_prints(shell_quote(path), shell, option) == os.fsencode(path)

    round_trip()


@pytest.mark.parametrize(("shell", "option"), SHELLS)
@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
@pytest.mark.parametrize("path", ["/tmp/a\x1b[2Jb.json", "/x/\x9b31m", "/x/\u202eNOSJ.json", "/x/it's!\x07",
                                  "/x/\udcff\udc9b名.json", "/x/a\\b\x1b\\\\", "/x/\x1b]52;c;eA==\x07"])
def test_the_shell_reads_them_back_whatever_its_locale(path: str, locale: str, shell: str, option: str) -> None:
    """``\\xHH`` escapes are bytes in any locale (``\\u`` would be the locale's)."""
    assert shell_prints(shell_quote(path), shell, option, locale) == os.fsencode(path)


@needs_bash
def test_an_interactive_bash_does_not_expand_history_inside_the_quotes() -> None:
    """Pasted at a prompt, ``!`` could start a history expansion; neither ``!`` nor ``'`` appears unescaped."""
    assert BASH is not None
    path = "/x/it's!!\x1b!echo"
    script = f"echo earlier\nprintf '<%s>\\n' {shell_quote(path)}\n"
    done = subprocess.run([BASH, "--norc", "--noprofile", "-i"], input=script.encode(), capture_output=True,
                          timeout=10, env={"PATH": os.environ.get("PATH", ""), "HISTFILE": os.devnull,
                                           "LC_ALL": "C.UTF-8"})
    assert b"<" + os.fsencode(path) + b">\n" in done.stdout, done


@settings(max_examples=300, deadline=None)
@given(paths)
def test_the_quoted_path_holds_nothing_a_terminal_acts_on(path: str) -> None:
    word = shell_quote(path)
    assert word.isprintable(), word  # no control, C1, bidi or zero-width character, no line break
    assert not has_controls(word) and sanitize(word) == word  # shown as it is: cleaning changes nothing


@given(paths)
def test_an_ordinary_path_is_quoted_as_shlex_quotes_it(path: str) -> None:
    if path.isprintable():
        assert shell_quote(path) == shlex.quote(path)
    else:
        assert shell_quote(path).startswith("$'") and shell_quote(path).endswith("'")


def test_examples() -> None:
    assert shell_quote("/home/me/花呗 data/db.json") == "'/home/me/花呗 data/db.json'"
    assert shell_quote("/tmp/db.json") == "/tmp/db.json"
    assert shell_quote("/tmp/a\x1b[2Jb.json") == "$'/tmp/a\\e[2Jb.json'"
    assert shell_quote("/x/\x9b31m") == "$'/x/\\xc2\\x9b31m'"  # U+009B is two bytes in UTF-8
    assert shell_quote("/x/\udc9b") == "$'/x/\\x9b'"  # the byte 0x9B itself (not UTF-8): as Python holds it
    assert shell_quote("/x/\u202e名") == "$'/x/\\xe2\\x80\\xae名'"  # printable characters stay readable
    assert shell_quote("/x/it's!\\\t") == "$'/x/it\\x27s\\x21\\\\\\t'"
