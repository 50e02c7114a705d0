"""Running an installation for real: migration status, safe upgrades, backups and restores,
the production server, health checks and structured logs.

* :mod:`core.ops.status`: what the database holds against what the code expects;
* :mod:`core.ops.upgrade`: pre-flight checks, automatic backup, then the migrations;
* :mod:`core.ops.backup` / :mod:`core.ops.archive`: backup files, restore, verify;
* :mod:`core.ops.schedule`: the worker's backup job, retention, heartbeat;
* :mod:`core.ops.web`: ``/healthz``, request ids in logs, the coordinator's backup warning;
* :mod:`core.ops.cli`: the ``soin db``, ``soin backup``, ``soin restore`` and ``soin serve``
  commands.
"""
