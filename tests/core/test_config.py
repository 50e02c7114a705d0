"""Settings: what the environment and the caller give, and nothing made on disk behind them."""

from core.config import load_config, make_instance_dir
from core.db import make_engine


def test_a_given_database_leaves_no_instance_folder_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOIN_DATABASE_URL", raising=False)
    config = load_config({"SOIN_DATABASE_URL": "sqlite:///" + str(tmp_path / "given.sqlite")})
    assert config["SOIN_DATABASE_URL"].endswith("given.sqlite")
    assert not (tmp_path / "instance").exists()  # a plugin's tests leave its checkout clean
    default = load_config()
    assert default["SOIN_DATABASE_URL"].endswith("instance/soin.sqlite")
    assert not (tmp_path / "instance").exists()  # a command that stops early makes nothing
    make_instance_dir(str(tmp_path / "given.sqlite"))  # a file elsewhere: nothing made here
    assert not (tmp_path / "instance").exists()
    engine = make_engine(default["SOIN_DATABASE_URL"])
    assert not (tmp_path / "instance").exists()  # an engine opens nothing yet
    with engine.connect():
        pass
    engine.dispose()
    assert (tmp_path / "instance" / "soin.sqlite").is_file()  # the embedded default still has its folder
