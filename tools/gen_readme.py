#!/usr/bin/env python3
"""Render each addon's readme/*.md fragments into its README.rst and its
static/description/index.html.

The OCA renders these fragments with oca-gen-addon-readme, which is not on
PyPI; this is the small subset of it the project needs: paragraphs, bullet
and numbered lists, inline code, bold, links and pipe tables.

    tools/gen_readme.py            write every README.rst
    tools/gen_readme.py --check    fail when a README.rst is out of date
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION", None),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("CONTRIBUTORS", "Contributors"),
]


def inline(text):
    text = re.sub(r"`([^`]+)`", r"``\1``", text)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", text)


def table(rows):
    cells = [
        [inline(c.strip()) for c in row.strip().strip("|").split("|")] for row in rows
    ]
    header, body = cells[0], [r for r in cells[2:]]
    out = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *body]:
        out.append(f"   * - {row[0]}")
        out.extend(f"     - {cell}" for cell in row[1:])
    return out + [""]


def render_md(markdown):
    lines, out, rows = markdown.strip().splitlines(), [], []
    for line in [*lines, ""]:
        if line.startswith("|"):
            rows.append(line)
            continue
        if rows:
            out.extend(table(rows))
            rows = []
        out.append(inline(line.rstrip()))
    return "\n".join(out).strip() + "\n"


def title(text, char):
    return f"{text}\n{char * len(text)}\n"


def render_addon(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    parts = [
        "=" * len(manifest["name"]),
        manifest["name"],
        "=" * len(manifest["name"]),
        "",
        "..\n   This file is generated from readme/*.md by tools/gen_readme.py:"
        "\n   edit those and run it.",
        "",
        f"**{manifest['summary']}**",
        "",
        f"License: {manifest['license']}",
        "",
    ]
    readme = addon / "readme"
    for fragment, heading in SECTIONS:
        path = readme / f"{fragment}.md"
        if not path.exists():
            continue
        if heading:
            parts.append(title(heading, "="))
        parts.append(render_md(path.read_text()))
    return "\n".join(parts).rstrip() + "\n"


def render_html(rst_text):
    """The module's description page, as Odoo's Apps list shows it."""
    from docutils.core import publish_string  # noqa: PLC0415

    html = publish_string(
        rst_text,
        writer_name="html5",
        settings_overrides={
            "embed_stylesheet": False,
            "stylesheet_path": "",
            "report_level": 5,
            "halt_level": 5,
            "generator": False,
            "datestamp": False,
        },
    )
    return html.decode("utf-8")


def main(check):
    stale = []
    for manifest in sorted(ROOT.glob("*/__manifest__.py")):
        addon = manifest.parent
        if not (addon / "readme").is_dir():
            continue
        rst = addon / "README.rst"
        html = addon / "static" / "description" / "index.html"
        text = render_addon(addon)
        outputs = {rst: text, html: render_html(text)}
        for path, content in outputs.items():
            if check:
                if not path.exists() or path.read_text() != content:
                    stale.append(str(path.relative_to(ROOT)))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content)
    if stale:
        print("Out of date (run tools/gen_readme.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
