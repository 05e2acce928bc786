import sys

from steering_core.cli import main

sys.exit(main())
