"""noticecli: parse and repair Chinese government information-disclosure pages."""

from noticecli._version import __version__

__all__ = ["__version__"]
