"""Watches: saved queries over the store that tell people what changed (issue 7).

* ``models``: ``Watch`` (name, queries by kind, recipients) and validation;
* ``storage``: watches, marks and the delivery log in the store (migration 0004_watches);
* ``select`` / ``digest``: what is new since a mark, grouped for reading;
* ``email`` / ``webhook`` / ``feed``: the channels (SMTP, signed JSON POST, Atom);
* ``run``: one digest run per watch and channel, moving marks only after success;
* ``sample``: the sample watch ``make run`` leaves on the sample store.

See docs/watches.md.
"""

from dateline.watch.digest import Digest, build_digest
from dateline.watch.models import KINDS, Watch
from dateline.watch.run import Outcome, run_watch
from dateline.watch.storage import add_watch, get_watch, list_watches, remove_watch

__all__ = ["KINDS", "Digest", "Outcome", "Watch", "add_watch", "build_digest", "get_watch", "list_watches",
           "remove_watch", "run_watch"]
