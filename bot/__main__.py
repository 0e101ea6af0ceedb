"""`python -m bot` is the same as `copbot`."""

import sys

from bot.cli import main

sys.exit(main())
