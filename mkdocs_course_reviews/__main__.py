"""`python -m mkdocs_course_reviews check`: the same as `mkdocs-course-reviews check`."""

import sys

from mkdocs_course_reviews.cli import main

sys.exit(main())
