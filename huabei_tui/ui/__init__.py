"""The Textual app: screens that present the Summary and dialogs that collect changes; no rules live here."""
