"""The contributor's commands: add-source, candidates, new, diff (knowledge in, files and reports out)."""


class Refusal(Exception):
    """A command refuses: the message says why and what to do; nothing was written."""
