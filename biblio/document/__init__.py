"""The document stage: one post → one page.

- `posts`: what a post is, where the posts are, what each one cites (every command asks here);
- `frontmatter`, `sources`: a post's YAML metadata, checked, and the bibliography, style and
  locale it names;
- `syntax`, `locators`, `read_markdown`, `read_html`: pandoc's citation syntax in a post;
- `profile`: what a style asks beyond CSL (APA's own rules);
- `entries`: the items a post cites, and the problems in them that stop a build;
- `render`: one post → its citations and reference list, one engine call;
- `write_html`, `write_markdown`: the only places where page markup is made and escaped.
"""

from .render import Rendered, Settings, reference_list, render

__all__ = ["Rendered", "Settings", "reference_list", "render"]
