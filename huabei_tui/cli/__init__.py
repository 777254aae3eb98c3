"""The scriptable command line: everything the TUI can do, for cron, login banners and tests."""
