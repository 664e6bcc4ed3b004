"""The settings in .streamlit/config.toml that the app depends on."""

import tomllib
from pathlib import Path

from streamlit import config

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def settings() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def test_static_serving_for_the_offline_map():
    assert settings()["server"]["enableStaticServing"] is True


def test_no_garbage_collection_after_each_run():
    # a full collection after every run held each rerun's last messages ~100 ms (benchmarks/README.md)
    assert settings()["runner"]["postScriptGC"] is False


def test_every_key_is_one_streamlit_knows():
    known = set(config._config_options_template)
    used = {f"{section}.{key}" for section, values in settings().items() for key in values}
    assert used <= known, used - known
