"""``python -m exercises.reports.draft``: see :func:`files.main`."""

import sys

from exercises.reports.draft.files import main

sys.exit(main())
