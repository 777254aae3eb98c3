"""The application layer between the rules and the two front ends (the Textual app and the CLI).

A ``Session`` sits over the repository and the clock and hands out one immutable ``Snapshot``: the ledger as
stored, its summary, and the day it was computed for. Every screen and every command reads the same snapshot
type, so two panels can never disagree about "today": the snapshot is recomputed when the data file changes
(its signature) *or* when the date in Shanghai changes. Every change a user can make is a use case of the
session, written once for both front ends. No Textual import here (checked by a test).

* ``snapshot``: ``Snapshot``; ``charges``: the memo that keeps recomputing it cheap;
* ``session``: ``Session``, its snapshot and its use cases;
* ``settings``: the one reading of typed settings, and the form's lost-update check;
* ``importing``: reading Alipay exports into a preview and what a commit added (imported on use only).
"""

from huabei_tui.session.charges import ChargesMemo
from huabei_tui.session.session import Opened, Saved, Session
from huabei_tui.session.snapshot import Snapshot

__all__ = ["ChargesMemo", "Opened", "Saved", "Session", "Snapshot"]
