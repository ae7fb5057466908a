"""An MkDocs plugin that turns a folder of course reviews into a browsable learning log."""

__version__ = "0.1.0"
