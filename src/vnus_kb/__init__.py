"""vnus-kb: cited facts of US-Vietnam technology cooperation, validated and rendered."""

__version__ = "0.1.0"
