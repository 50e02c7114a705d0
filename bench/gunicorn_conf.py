"""gunicorn settings of the bench server that a command line cannot give (``--config python:``).

They are ``soin serve``'s own (:func:`core.ops.serve.gunicorn_options`): what the bench
measures is what a coop runs. The command line gives the bench its address, its processes
and threads, a longer timeout and quieter logs.
"""

from core.app import collector_paused

with collector_paused():  # Flask and Click, imported first here, as core.launch does for soin
    from core.ops.serve import gunicorn_options

_SERVE = gunicorn_options("127.0.0.1:0", 1, 60)

# the freeze before each fork, the worker's own connections, the freeze once it is warm
pre_fork, post_fork, post_request = _SERVE["pre_fork"], _SERVE["post_fork"], _SERVE["post_request"]
# workers replaced after about 10,000 requests, one request at a time each
max_requests, max_requests_jitter = _SERVE["max_requests"], _SERVE["max_requests_jitter"]
worker_class, threads, graceful_timeout = (_SERVE["worker_class"], _SERVE["threads"],
                                           _SERVE["graceful_timeout"])
forwarded_allow_ips = _SERVE["forwarded_allow_ips"]
# no control socket (gunicorn 25.1+), as under soin serve
control_socket_disable = _SERVE.get("control_socket_disable", False)
