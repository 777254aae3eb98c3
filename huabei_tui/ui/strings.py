"""Strings shared by the whole UI (screen titles, global keys, dialogs); each screen registers its own too."""

from __future__ import annotations

from huabei_tui.i18n import register

UI: dict[str, tuple[str, str]] = {
    "app.title": ("花呗征信管家", "Huabei credit keeper"),
    "app.short": ("花呗征信管家", "Huabei"),
    "app.demo": ("演示", "demo"),
    "screen.status": ("账户状态", "Account status"),
    "screen.calendar": ("还款日历", "Repayment calendar"),
    "screen.checklist": ("授权核查", "Authorization checklist"),
    "screen.recovery": ("逾期修复", "Overdue recovery"),
    "screen.help": ("帮助", "Help"),
    # global keys
    "key.status": ("账户", "Status"),
    "key.calendar": ("日历", "Calendar"),
    "key.checklist": ("核查", "Checklist"),
    "key.recovery": ("修复", "Recovery"),
    "key.help": ("帮助", "Help"),
    "key.language": ("English", "中文"),
    "key.export_screen": ("导出本页", "Export page"),
    "key.export_all": ("导出全部", "Export all"),
    "key.palette": ("命令", "Commands"),
    "key.import": ("导入", "Import"),
    "key.quit": ("退出", "Quit"),
    "key.close": ("关闭", "Close"),
    "key.save": ("保存", "Save"),
    "key.cancel": ("取消", "Cancel"),
    "key.next_field": ("下一项", "Next field"),
    # messages
    "msg.saved": ("已保存", "Saved"),
    "msg.exported": ("已导出到 {path}", "Exported to {path}"),
    "msg.export_failed": ("导出失败：{reason}", "Export failed: {reason}"),
    "msg.reloaded": ("数据已在别处更新，已重新载入", "The data changed elsewhere and was reloaded"),
    "msg.store_error": ("数据文件出错：{message}", "Data file problem: {message}"),
    "msg.language": ("已切换为中文", "Switched to English"),
    "msg.nothing_saved": ("未保存任何更改", "Nothing was saved"),
    "msg.fix_fields": ("请修正标红的项目", "Fix the marked fields"),
    # form chrome
    "form.hint": ("Tab 切换 · Enter 保存 · Esc 取消", "Tab next · Enter save · Esc cancel"),
    "form.save": ("保存", "Save"),
    "form.cancel": ("取消", "Cancel"),
    # palette
    "cmd.go": ("前往：{screen}", "Go to: {screen}"),
    "cmd.help": ("打开帮助", "Open help"),
    "cmd.language": ("切换语言（中文/English）", "Switch language (中文/English)"),
    "cmd.export_screen": ("导出本页摘要为文本文件", "Export this screen's summary to a text file"),
    "cmd.export_all": ("导出完整摘要为文本文件", "Export the full summary to a text file"),
    "cmd.screenshot": ("保存屏幕截图（SVG 图片）", "Save a screenshot (SVG picture)"),
    "app.no_backup": ("无备份", "no backup"),
    "cmd.import": ("导入支付宝交易明细", "Import the Alipay transaction export"),
    "cmd.quit": ("退出", "Quit"),
    "cmd.theme": ("更换配色主题", "Change the colour theme"),
    "cmd.search": ("搜索命令…", "Search for commands…"),
}

register(UI)
