"""Parsers: from a page (HTML or text dump) to a Notice."""
