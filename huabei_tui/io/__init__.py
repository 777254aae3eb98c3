"""Data in and out of the program (Alipay exports in, reports out): plain Python, no UI and no storage."""
