"""Settings: what the environment and the caller give, and nothing made on disk behind them."""

from core.config import load_config, make_instance_dir


def test_a_given_database_leaves_no_instance_folder_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOIN_DATABASE_URL", raising=False)
    config = load_config({"SOIN_DATABASE_URL": "sqlite:///" + str(tmp_path / "given.sqlite")})
    assert config["SOIN_DATABASE_URL"].endswith("given.sqlite")
    assert not (tmp_path / "instance").exists()  # a plugin's tests leave its checkout clean
    default = load_config()
    assert default["SOIN_DATABASE_URL"].endswith("instance/soin.sqlite")
    assert not (tmp_path / "instance").exists()  # a command that stops early makes nothing
    make_instance_dir(default)  # what create_app does once the application starts
    assert (tmp_path / "instance").is_dir()  # the embedded default still has its folder
