"""Renders the app icon (resources/icons/studyguide.svg) into the PNG, ICO and ICNS files packages need.

Qt draws the SVG (QtSvg, already a dependency), so nothing else is needed for
the PNGs: a freedesktop ``hicolor`` tree for the .deb. With Pillow installed it
also writes ``studyguide.ico`` (Windows: the .exe and the installer) and
``studyguide.icns`` (the macOS .app). Run:

    python packaging/render_icons.py [--out build/icons] [--require-pillow]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "studyguide.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_pngs(out: Path, svg: Path = SVG) -> dict[int, Path]:
    """Writes ``out/hicolor/NxN/apps/studyguide.png`` for every size; returns them by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt alive)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    written = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "studyguide.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"render_icons: cannot write {target}")
        written[size] = target
    return written


def write_ico_icns(out: Path, pngs: dict[int, Path]) -> list[Path]:
    """Writes ``studyguide.ico`` and ``studyguide.icns`` with Pillow; returns them."""
    from PIL import Image

    biggest = Image.open(pngs[max(pngs)]).convert("RGBA")
    ico, icns = out / "studyguide.ico", out / "studyguide.icns"
    biggest.save(ico, sizes=[(size, size) for size in ICO_SIZES])
    biggest.save(icns)
    return [ico, icns]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--require-pillow", action="store_true",
                        help="fail unless the .ico and .icns are written (Windows and macOS builds)")
    args = parser.parse_args(argv)
    pngs = render_pngs(args.out)
    print(f"render_icons: {len(pngs)} PNGs in {args.out / 'hicolor'}")
    try:
        extra = write_ico_icns(args.out, pngs)
    except ImportError:
        if args.require_pillow:
            raise SystemExit("render_icons: Pillow is needed for the .ico and .icns (pip install pillow)")
        print("render_icons: Pillow not installed, no .ico/.icns (only Windows and macOS need them)")
    else:
        print(f"render_icons: {' '.join(str(path) for path in extra)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
