"""Any byte of a real Anki package changed: the import reads it or refuses it with a message, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.domain.errors import GuideFormatError
from studyguide.guides.importing import read_file

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


@pytest.mark.parametrize("form", ["legacy.apkg", "current.apkg"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_package_with_any_byte_changed_is_read_or_refused_with_a_message(tmp_path: Path, form: str,
                                                                           data: st.DataObject) -> None:
    package = bytearray((FIXTURES / form).read_bytes())
    # Mostly the list of members and its end record, where zipfile's own checks are (a changed byte of
    # a member's data is found by its CRC); sometimes anywhere.
    listed = package.find(b"PK\x01\x02")
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(listed, len(package) - 1) | st.integers(0, len(package) - 1))
        package[at] ^= data.draw(st.integers(1, 255))
    path = tmp_path / form
    path.write_bytes(bytes(package))
    try:
        read_file(path)
    except GuideFormatError as error:
        assert str(error)
