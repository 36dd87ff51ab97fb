"""Text normalization: repairs of text that naive extraction damaged, each one recorded."""
