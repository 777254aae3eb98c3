"""Storage messages: a data file that cannot be read or saved, backups, restores (``store.*``).

Every message says what happened to the file ("nothing was changed"), since the user's first worry after an
error is whether their data is gone. ``store.reason.*`` are the short phrases slotted into ``{reason}``.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by storage/errors.py ---
    "store.busy": (
        "数据文件 {path} 正被另一个 huabei 进程写入，等待 {seconds:g} 秒后放弃。"
        "未做任何改动；请关闭另一个窗口后重试。",
        "The data file {path} is being written by another huabei process; gave up after {seconds:g} s."
        " Nothing was changed; close the other one and try again.",
    ),
    "store.corrupt": (
        "数据文件 {path} 无法读取（{reason}）。文件未被改动。"
        "最新的完好备份：{backup}。恢复：huabei --db {db_arg} restore",
        "The data file {path} cannot be read ({reason}). The file was not changed."
        " Newest good backup: {backup}. To restore it: huabei --db {db_arg} restore",
    ),
    "store.corrupt.no_backup": (
        "数据文件 {path} 无法读取（{reason}）。文件未被改动。"
        "没有找到完好的备份；请手动检查该文件，或把它移走后重新开始。",
        "The data file {path} cannot be read ({reason}). The file was not changed. No good backup was found;"
        " inspect the file by hand, or move it away to start afresh.",
    ),
    "store.too_new": (
        "数据文件 {path} 由更新版本的 huabei 写入（格式版本 {found}，本程序最高支持 {supported}）。"
        "文件未被改动。请升级 huabei；或恢复最新的完好备份 {backup}（之后的改动会丢失）："
        "huabei --db {db_arg} restore",
        "The data file {path} was written by a newer huabei (format version {found}; this program supports"
        " up to {supported}). The file was not changed. Upgrade huabei, or restore the newest good backup"
        " {backup} (later changes are lost): huabei --db {db_arg} restore",
    ),
    "store.too_new.no_backup": (
        "数据文件 {path} 由更新版本的 huabei 写入（格式版本 {found}，本程序最高支持 {supported}）。"
        "文件未被改动。请升级 huabei。",
        "The data file {path} was written by a newer huabei (format version {found}; this program supports"
        " up to {supported}). The file was not changed. Upgrade huabei.",
    ),
    "store.write_failed": (
        "无法保存数据文件 {path}（{reason}）。未做任何改动，磁盘上的文件保持原样。",
        "Could not save the data file {path} ({reason}). Nothing was changed; the file on disk is as it was.",
    ),
    "store.missing_folder": (
        "无法保存数据文件 {path}：文件夹 {folder} 不存在。"
        "未做任何改动；请先创建该文件夹，或用 --db 指定其他位置。",
        "Could not save the data file {path}: the folder {folder} does not exist. Nothing was changed;"
        " create the folder first, or choose another place with --db.",
    ),
    "store.read_failed": (
        "无法读取数据文件 {path}（{reason}）。文件未被改动。",
        "Could not read the data file {path} ({reason}). The file was not changed.",
    ),
    "store.no_backup": (
        "在 {folder} 中没有找到 {path} 的完好备份。未做任何改动。",
        "No good backup of {path} was found in {folder}. Nothing was changed.",
    ),
    "store.restored": (
        "已用备份 {backup} 恢复数据文件 {path}；原来的文件保存为 {damaged}。",
        "Restored the data file {path} from the backup {backup}; the previous file was kept as {damaged}.",
    ),
    "store.restored.no_previous": (
        "已用备份 {backup} 恢复数据文件 {path}。",
        "Restored the data file {path} from the backup {backup}.",
    ),
    "store.backup_failed": (
        "未能备份 {path} 的上一个版本：备份文件夹 {folder} 无法使用（{reason}）。改动已保存；请修复该文件夹。",
        "No backup of the previous version of {path} was made: the backups folder {folder} cannot be used"
        " ({reason}). Your change was saved; fix the folder.",
    ),
    "store.backups_unusable": (
        "备份文件夹 {folder} 无法使用（{reason}）：保存时不会留下备份；请修复该文件夹。",
        "The backups folder {folder} cannot be used ({reason}): saves keep no backup; fix the folder.",
    ),
    # Reasons: short phrases slotted into the messages above.
    "store.reason.empty": ("文件是空的", "the file is empty"),
    "store.reason.not_json": (
        "不是有效的 JSON，可能写到一半被截断",
        "not valid JSON, possibly cut off mid-write",
    ),
    "store.reason.wrong_format": ("内容格式不对", "the content is not in the expected format"),
    "store.reason.impossible_value": ("有不可能成立的值：{detail}", "it holds an impossible value: {detail}"),
    "store.reason.schema_newer": ("格式版本比本程序新", "written by a newer version of huabei"),
    "store.reason.disk_full": ("磁盘已满", "the disk is full"),
    "store.reason.read_only": ("文件夹是只读的", "the folder is read-only"),
    "store.reason.permission": ("没有权限", "permission denied"),
    "store.reason.missing_folder": ("文件夹不存在", "the folder does not exist"),
    "store.reason.broken_link": ("它是指向不存在位置的符号链接", "it is a symbolic link to nothing"),
    "store.reason.not_a_folder": ("它不是文件夹", "it is not a folder"),
    "store.reason.symlink_loop": ("路径是一圈互相指向的符号链接", "the path is a loop of symbolic links"),
    "store.reason.is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "store.reason.path_not_folder": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "store.reason.os_error": ("系统错误：{detail}", "system error: {detail}"),
    # A part (a file of imported rows beside the data file, see storage/parts.py) it relies on.
    "store.reason.part_missing": ("它依赖的导入记录文件 {part} 不见了", "a file of imported rows it relies on, {part},"
                                  " is missing"),
    "store.reason.part_changed": ("它依赖的导入记录文件 {part} 已被改动或损坏",
                                  "a file of imported rows it relies on, {part}, was changed or damaged"),
    "store.reason.part_unreadable": ("无法读取它依赖的导入记录文件 {part}",
                                     "a file of imported rows it relies on, {part}, cannot be read"),
}
