#!/opt/python/bin/python3
"""Starts JupyterLab as the charts expect: port from JUPYTER_PORT (default 8888), token from
JUPYTER_TOKEN (read by Jupyter Server itself), listening on every interface. The process
replaces itself with Jupyter (exec), so SIGTERM reaches the server. Extra arguments are
passed on to `jupyter lab`."""
import os
import sys

port = os.environ.get("JUPYTER_PORT", "8888")
args = ["jupyter", "lab", "--no-browser", "--ip=0.0.0.0", f"--port={port}",
        f"--ServerApp.root_dir={os.path.expanduser('~')}", *sys.argv[1:]]
os.execvp(args[0], args)
