"""Themes (View > Theme: system, light, dark, high contrast), and colour never the only carrier of meaning."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from studyguide.ui.lane_shapes import SHAPES, paint_shape

Role = QPalette.ColorRole


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(("theme", "needed"), [("high-contrast", 7.0), ("light", 4.5), ("dark", 4.5)])
def test_each_themes_text_is_readable_on_its_background(qapp, theme, needed):
    from studyguide.ui.theme import palette_for

    palette = palette_for(theme)
    for text, background in ((Role.Text, Role.Base), (Role.WindowText, Role.Window), (Role.ButtonText, Role.Button),
                             (Role.HighlightedText, Role.Highlight), (Role.Link, Role.Base),
                             (Role.PlaceholderText, Role.Base)):
        ratio = contrast(palette.color(text), palette.color(background))
        assert ratio >= needed, (theme, text, background, ratio)


def _view_menu_action(window, text: str):
    for action in window._view_menu.actions():
        menu = action.menu()
        for inner in (menu.actions() if menu is not None else [action]):
            if inner.text() == text:
                return inner
    raise AssertionError(f"no {text!r} in the View menu")


def test_high_contrast_is_chosen_in_the_view_menu_and_remembered(qtbot, qapp, main_window, make_library):
    from studyguide.ui.main_window import MainWindow
    from studyguide.ui.theme import is_high_contrast

    system = qapp.palette().color(Role.Window)
    _view_menu_action(main_window, "&High Contrast").trigger()
    assert is_high_contrast(qapp.palette()) and qapp.palette().color(Role.Text) == QColor("#ffffff")
    assert main_window.theme.name == "high-contrast"
    main_window.close()
    qapp.setPalette(QPalette())  # as a new start would find it

    reopened = MainWindow(library=make_library())
    qtbot.add_widget(reopened)
    assert reopened.theme.name == "high-contrast" and is_high_contrast(qapp.palette())
    assert _view_menu_action(reopened, "&High Contrast").isChecked()
    _view_menu_action(reopened, "&System").trigger()
    assert qapp.palette().color(Role.Window) == system


def test_the_timeline_redraws_in_the_new_theme(qtbot, qapp, main_window):
    main_window.tabs.setCurrentWidget(main_window.timeline)
    main_window.theme.set_theme("high-contrast")
    qtbot.wait_until(lambda: main_window.timeline.style_.base == QColor("#000000"))
    assert main_window.timeline.style_.text == QColor("#ffffff")


def test_lanes_differ_by_shape_as_well_as_colour_and_the_legend_says_which(qtbot, main_window):
    timeline = main_window.timeline
    main_window.tabs.setCurrentWidget(timeline)
    shapes = timeline.style_.shapes
    assert shapes == {"North": SHAPES[0], "South": SHAPES[1]}
    assert timeline.legend.buttons["North"].accessibleDescription().endswith("marked with circles")
    assert "squares" in timeline.legend.buttons["South"].toolTip()


def _painted(shape: str) -> QImage:
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_shape(painter, shape, QPointF(20, 20), 10, QColor("#000000"), QColor("#000000"))
    painter.end()
    return image


def test_each_shape_is_drawn_differently(qapp):
    images = {shape: _painted(shape) for shape in SHAPES}
    # A square fills its corners; a circle and a diamond leave them white.
    assert images["square"].pixelColor(11, 11) == QColor("#000000")
    assert images["circle"].pixelColor(11, 11) == QColor("#ffffff")
    assert images["diamond"].pixelColor(11, 11) == QColor("#ffffff")
    # A triangle points up: its top corners are empty and its base is full; the inverted one is the other way.
    assert images["triangle"].pixelColor(20, 27) == QColor("#000000")
    assert images["triangle"].pixelColor(12, 12) == QColor("#ffffff")
    assert images["inverted triangle"].pixelColor(20, 13) == QColor("#000000")
    assert len({bytes(image.constBits()) for image in images.values()}) == len(SHAPES)


def test_due_counts_are_words_as_well_as_colours(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    counts = main_window.flashcards.counts.text()
    assert "New" in counts and "Learning" in counts and "Due" in counts
    status = main_window.review_actions.due_label.text()
    assert "new" in status and "learning" in status and "to review" in status


def test_text_size_still_scales_everything_in_high_contrast(qtbot, main_window):
    # The high-contrast theme's style sheet polishes widgets with the font of the moment.
    main_window.theme.set_theme("high-contrast")
    before = main_window.guide_picker.font().pointSizeF()
    question = main_window.flashcards.front.font().pointSizeF()  # a font size of its own
    main_window.text_size.set_percent(200)
    qtbot.wait_until(lambda: main_window.guide_picker.font().pointSizeF() == pytest.approx(before * 2))
    assert main_window.sections.list.font().pointSizeF() == pytest.approx(before * 2)
    qtbot.wait_until(lambda: main_window.flashcards.front.font().pointSizeF() == pytest.approx(question * 2))


def test_dark_theme_shades_are_dark_too(qapp):
    from studyguide.ui.theme import palette_for

    palette = palette_for("dark")
    # Edges and the empty days of the stats calendar are drawn in Mid: a shade of the dark button, not grey-white.
    assert palette.color(Role.Mid).lightness() < palette.color(Role.Text).lightness() / 2


def _settled_minimum(qtbot, window):
    """The window's minimum size once it holds still over three rounds of events."""
    seen: list = []

    def still() -> bool:
        seen.append(window.minimumSizeHint())
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]

    qtbot.wait_until(still)
    return seen[-1]


def test_every_view_fits_1280_by_800_at_200_percent_text(qtbot, make_library):
    # The size the design names; at 200% text nothing may push the window wider or taller than that.
    # The bundled guide: four lanes in the timeline's legend, twelve sections, long titles.
    from studyguide import paths
    from studyguide.ui.main_window import MainWindow

    window = MainWindow(library=make_library(bundled=paths.bundled_guide_database()))
    qtbot.add_widget(window)
    window.show()
    question = window.flashcards.front.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: window.flashcards.front.font().pointSizeF() == pytest.approx(question * 2))
    for view in window.views:
        window.tabs.setCurrentWidget(view)
        # Layouts take the new sizes as their posted requests are handled: wait until the window's
        # minimum size holds still between two rounds of events.
        needed = _settled_minimum(qtbot, window)
        assert needed.width() <= 1280 and needed.height() <= 800, (type(view).__name__, needed)
