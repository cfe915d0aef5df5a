"""specgen: compiles a JSON Schema spec into validators, typed clients and reference docs."""

__version__ = "0.1.0"
