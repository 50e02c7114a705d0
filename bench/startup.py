"""Start-up in one process, for profiles and instruction counts (issue 23).

``python -m bench.startup`` imports ``core.app``, builds the application and answers
``GET /login`` (``SOIN_DATABASE_URL``, ``SOIN_SECRET_KEY`` as for ``soin serve``), prints the
CPU time of each step and leaves with ``os._exit``: the interpreter's teardown, which no
served request waits for, is not counted. Under ``valgrind --tool=callgrind`` it gives the
instruction count that the busy machine's wall and CPU times cannot; ``--profile FILE``
writes a cProfile of the three steps instead; ``--accounting`` prints the CPU by kind of work
(libraries, model modules, mapper configuration, dataclasses...: ``bench.startup_accounting``).
Under ``valgrind --tool=callgrind --dump-before=getppid`` each step is a dump of its own (the
first is Python starting, then the import, ``create_app``, the first request).
"""

import os
import sys
import time


def main(argv: list[str]) -> None:
    if "--accounting" in argv:
        from bench.startup_accounting import run

        run()
        sys.stdout.flush()
        os._exit(0)
    profile = argv[argv.index("--profile") + 1] if "--profile" in argv else None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    began = time.process_time()
    from core.app import create_app

    imported = time.process_time()
    os.getppid()  # a mark: callgrind --dump-before=getppid counts each step apart
    app = create_app()
    built = time.process_time()
    os.getppid()
    from werkzeug.test import Client

    status = Client(app).get("/login").status_code
    answered = time.process_time()
    os.getppid()
    if profile:
        profiler.disable()
        profiler.dump_stats(profile)
    print(f"import {imported - began:.3f} s · create_app {built - imported:.3f} s · "
          f"first /login {answered - built:.3f} s ({status}) · total {answered - began:.3f} s · "
          f"{len(sys.modules)} modules")
    sys.stdout.flush()
    os._exit(0 if status == 200 else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
