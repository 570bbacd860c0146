"""The WSGI entry point: `gunicorn wsgi:app`, or `flask --app wsgi ...` for commands."""

import gc

from jobbes import create_app

app = create_app()

# What starting made (modules, the app, the first contents of its caches: some 186,000 objects)
# lives as long as the process. Frozen, the garbage collector never walks it again; before, each
# full collection did, and cost a request that happened to trigger it about 120 ms (seen as the
# p99 of /me in process: 158 ms, and 54 ms frozen).
gc.collect()
gc.freeze()
