"""The bundled Trotsky data is found from a checkout and from an installed wheel alike."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from itinerary import paths

ROOT = Path(__file__).resolve().parent.parent


def test_a_checkout_reads_the_data_folder() -> None:
    assert paths.default_places() == ROOT / "data" / "places.csv"
    assert paths.default_periods().exists() and paths.gazetteer_path().exists()


def test_an_installed_wheel_reads_its_bundled_copy(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "itinerary"
    (package / "_data").mkdir(parents=True)
    (package / "_data" / "places.csv").write_text("place,start\nVienna,1907\n", encoding="utf-8")
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    paths.data_dir.cache_clear()
    try:
        assert paths.default_places() == package / "_data" / "places.csv"
    finally:
        paths.data_dir.cache_clear()


def test_the_wheel_bundles_the_data_folder_where_the_package_looks_for_it() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    bundled = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert bundled == {"data": "itinerary/_data"}


def test_the_user_cache_follows_the_environment(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITINERARY_CACHE_DIR", str(tmp_path / "cache"))
    assert paths.cache_dir() == tmp_path / "cache"
    assert (tmp_path / "cache").is_dir()
