"""``huabei doctor``: what this installation will do at start, in plain words.

For now it answers the question issue 15 asks of the start-up snapshot: is it on, and if not why; where its
cache is and how many frames it keeps; and whether a frame is ready for the app started the same way in this
terminal (same options, same environment, same size, same day).
"""

from __future__ import annotations

import argparse

from huabei_tui.i18n import register, tr
from huabei_tui.startup import early_frame, frame_cache
from huabei_tui.startup.frame_key import frame_inputs

STRINGS: dict[str, tuple[str, str]] = {
    "doctor.snapshot": ("启动快照：{state}", "Start-up snapshot: {state}"),
    "doctor.on": ("开启（启动时先显示上次的首屏，再加载界面）", "on (the last first screen is shown while the app loads)"),
    "doctor.off.option": ("关闭（--no-snapshot）", "off (--no-snapshot)"),
    "doctor.off.env": ("关闭（环境变量 HUABEI_NO_SNAPSHOT）", "off (HUABEI_NO_SNAPSHOT is set)"),
    "doctor.off.platform": ("关闭（此系统不支持）", "off (not supported on this system)"),
    "doctor.off.driver": ("关闭（TEXTUAL_DRIVER 指定了其他界面驱动）", "off (TEXTUAL_DRIVER picks another driver)"),
    "doctor.how_off": ("关闭方法：huabei --no-snapshot，或设置 HUABEI_NO_SNAPSHOT=1",
                       "To turn it off: huabei --no-snapshot, or set HUABEI_NO_SNAPSHOT=1"),
    "doctor.cache": ("快照缓存：{path}（已存画面：{n}）", "Snapshot cache: {path} (frames kept: {n})"),
    "doctor.terminal_no": ("此处不是终端（标准输入、输出和错误输出须都是终端），启动时不会显示快照",
                           "Not a terminal here (stdin, stdout and stderr must all be one): no snapshot at start"),
    "doctor.ready": ("在这个终端以相同方式启动：已有快照，会立即显示",
                     "Started the same way in this terminal: a snapshot is ready and shows at once"),
    "doctor.not_ready": ("在这个终端以相同方式启动：还没有快照（打开一次界面后保存）",
                         "Started the same way in this terminal: no snapshot yet (saved the next time the app opens)"),
}
register(STRINGS)


def report(args: argparse.Namespace, lang: str) -> list[str]:
    """The doctor's lines, for the app started with the same global options in this terminal."""
    import os

    from huabei_tui.paths import data_path

    off = early_frame.switched_off(getattr(args, "no_snapshot", False))
    lines = [tr("doctor.snapshot", lang, state=tr(f"doctor.off.{off}" if off else "doctor.on", lang))]
    folder = frame_cache.cache_dir()
    lines.append(tr("doctor.cache", lang, path=folder, n=frame_cache.saved_frames(folder)))
    if off:
        return lines
    lines.append(tr("doctor.how_off", lang))
    if not early_frame.on_a_terminal():
        lines.append(tr("doctor.terminal_no", lang))
        return lines
    today = early_frame.today_in_shanghai(args.today, os.environ)
    inputs = None if today is None else frame_inputs(data_file=None if args.demo else data_path(args.db),
                                                     demo=args.demo, today=today, lang_option=args.lang)
    ready = inputs is not None and frame_cache.load(folder, inputs.name(), inputs.text()) is not None
    lines.append(tr("doctor.ready" if ready else "doctor.not_ready", lang))
    return lines
