"""Imported first by the parse workers' fork server (`library.parallel.PRELOAD`), and by
nothing else: ctrl+c is left to the importing process from the server's start.

CPython's fork server ignores ctrl+c only once its preloads are imported (the parsers: a few
hundred ms of CPU, seconds on a busy machine); the terminal sends ctrl+c to the whole process
group, and a server interrupted meanwhile printed a traceback and broke the pool.
"""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
