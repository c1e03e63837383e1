"""biblio: a citation and bibliography manager for people who write with sources."""

__version__ = "0.1.0"


def __getattr__(name: str):
    # `import biblio` stays cheap: the post pipeline loads only when render_post is used.
    if name == "render_post":
        from .api import render_post

        return render_post
    raise AttributeError(f"module 'biblio' has no attribute {name!r}")
