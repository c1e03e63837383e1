"""Plug-ins for other tools: a Python-Markdown extension and an MkDocs plugin."""
