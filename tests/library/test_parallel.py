"""The parse pool's workers: started by a fork server that has the HTML parsers imported."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent

# The worker's question must not import the parsers itself: this module imports none of them.
_ASK = """
import sys
from library.limits import Limits
from library.parallel import PRELOAD, ParsePool
from tests.library.test_parallel import modules_loaded

if __name__ == "__main__":
    with ParsePool(Limits(), workers=1) as pool:
        found = pool._pool.submit(modules_loaded, list(PRELOAD)).result()
    print(" ".join(found))
"""


def modules_loaded(names: list[str]) -> list[str]:
    """Which of names a worker process has imported before it runs anything (runs in a worker)."""
    return [name for name in names if name in sys.modules]


def _run(script: Path, text: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The script text run as the main script from script's path, in cwd, with args."""
    script.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=cwd,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _asked(script: Path, text: str, cwd: Path = REPO) -> list[str]:
    """What the script text (run as the main script from script's path, in cwd) prints, in
    words."""
    out = _run(script, text, cwd=cwd)
    out.check_returncode()
    return out.stdout.split()


def test_workers_start_with_the_parsers_imported(tmp_path: Path) -> None:
    preloaded = ["library.parallel", "library.html", "trafilatura", "readability", "htmldate"]
    assert _asked(tmp_path / "ask.py", _ASK) == preloaded


def _console_script() -> str:
    """The import line of the `margin` script pip writes, from pyproject.toml's entry point."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, function = project["scripts"]["margin"].split(":")
    return f"import sys\nfrom {module} import {function}\n"


def test_a_worker_of_the_margin_command_imports_no_command_line(tmp_path: Path) -> None:
    # Each worker runs the parent's main script (the `margin` console script) before its first
    # task; the script's entry point must not pull in the command line (click, rich, every
    # subcommand: ~70 ms of CPU a worker when it named tui.cli).
    ask = _ASK.replace("list(PRELOAD)", "['tui.cli', 'click', 'rich']")
    assert _asked(tmp_path / "margin", _console_script() + ask) == []


def test_a_parser_bug_in_one_file_of_a_task_costs_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Several files go to a worker in one task: a bug the parser raises on one of them leaves
    # None for it (parsed again by the importing process, which reports it), and the others'
    # results come back.
    import library.parallel as parallel
    from library.limits import Limits

    paths = []
    for name in ("one", "bug", "three"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"Title {name}\n\nThe text of {name}, long enough to keep.\n")
        paths.append(str(path))
    real = parallel.parse_source

    def buggy(raw: object, **kwargs: object) -> object:
        if Path(str(getattr(raw, "name", ""))).stem == "bug":
            raise RuntimeError("a bug")
        return real(raw, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "parse_source", buggy)
    found = parallel._parse_files(paths, Limits())
    assert found[1] is None
    assert [f.article.title for f in (found[0], found[2])] == ["Title one", "Title three"]  # type: ignore[union-attr]


_INTERRUPT = """
import os
import signal
from library.limits import Limits
from library.parallel import ParsePool

if __name__ == "__main__":
    with ParsePool(Limits(), workers=1) as pool:
        worker = pool._pool.submit(os.getpid).result()
        os.kill(worker, signal.SIGINT)  # ctrl+c reaches every process of the terminal's group
        print(pool._pool.submit(os.getpid).result() == worker)
"""


def test_ctrl_c_in_a_worker_is_left_to_the_importing_process(tmp_path: Path) -> None:
    """A worker given SIGINT (the terminal sends it to the whole group) keeps working (it
    printed a traceback of its own, and the pool broke)."""
    assert _asked(tmp_path / "interrupt.py", _INTERRUPT) == ["True"]


_WHERE = """
from library.limits import Limits
from library.parallel import ParsePool
from tests.library.test_parallel import where_library_is

if __name__ == "__main__":
    with ParsePool(Limits(), workers=1) as pool:
        print(pool._pool.submit(where_library_is).result())
"""


def where_library_is() -> str:
    """The folder the `library` package was imported from (runs in a worker)."""
    import library

    return str(Path(library.__file__).parent)


def test_workers_run_margin_s_code_whatever_the_working_folder(tmp_path: Path) -> None:
    """margin run in a folder that holds a `library` package of its own: the workers still
    import Margin's (the fork server imported the folder's, and the pool broke)."""
    elsewhere = tmp_path / "project"
    (elsewhere / "library").mkdir(parents=True)
    (elsewhere / "library" / "__init__.py").write_text("", encoding="utf-8")
    assert _asked(tmp_path / "where.py", _WHERE, cwd=elsewhere) == [str(REPO / "library")]


_SECOND_INTERRUPT = """
import os
import signal
import threading
import time
from library.limits import Limits
from library.parallel import ParsePool

if __name__ == "__main__":
    pool = ParsePool(Limits(), workers=1)
    slow = pool._pool.submit(time.sleep, 600)  # a parse that takes its time
    while not slow.running():  # handed to a worker: closing waits for it
        time.sleep(0.01)
    # The second ctrl+c, while closing waits for the parses under way.
    threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
    try:
        pool.close()
    except KeyboardInterrupt:
        print("interrupted")
"""


def test_ctrl_c_while_the_pool_closes_ends_its_workers(tmp_path: Path) -> None:
    """Interrupted while it waits for the workers, closing ends them at once: they ignore
    ctrl+c, and the interpreter's exit waited on them (margin import hung after a second
    ctrl+c, until a third one)."""
    assert _asked(tmp_path / "second.py", _SECOND_INTERRUPT) == ["interrupted"]


_SECOND_INTERRUPT_BUSY = """
import concurrent.futures.process as process
import os
import signal
import sys
import threading
import time
from library.limits import Limits
from library.parallel import ParsePool

broken = process._ExecutorManagerThread.terminate_broken


def slow_to_notice(self, cause):
    time.sleep(0.5)  # a busy machine: the thread that watched the workers runs late
    broken(self, cause)


if __name__ == "__main__":
    process._ExecutorManagerThread.terminate_broken = slow_to_notice
    pool = ParsePool(Limits(), workers=1)
    watcher = pool._pool._executor_manager_thread
    slow = pool._pool.submit(time.sleep, 600)
    while not slow.running():
        time.sleep(0.01)
    threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
    try:
        pool.close()
    except KeyboardInterrupt:
        print("interrupted", watcher in threading.enumerate())
"""


def test_ctrl_c_while_the_pool_closes_leaves_no_thread_to_race_the_exit(tmp_path: Path) -> None:
    """The thread that watched the workers has ended when an interrupted close returns: the
    interrupted wait had marked it ended while it ran on, and the interpreter's exit raced it
    (under load: `OSError: Bad file descriptor` from `_python_exit`, or a leaked semaphore)."""
    done = _run(tmp_path / "busy.py", _SECOND_INTERRUPT_BUSY)
    assert (done.returncode, done.stdout, done.stderr) == (0, "interrupted False\n", "")


_INTERRUPT_AT_START = """
import multiprocessing.forkserver
import os
import signal
import threading
import time
from library import parallel
from library.limits import Limits

if __name__ == "__main__":
    parallel.PRELOAD = (*parallel.PRELOAD, "slow_to_import")  # the parsers, on a busy machine
    os.environ["PYTHONPATH"] += os.pathsep + os.path.dirname(__file__)
    started = []
    starting = threading.Thread(target=lambda: started.append(parallel.ParsePool(Limits(), 1)))
    starting.start()
    while multiprocessing.forkserver._forkserver._forkserver_pid is None:
        time.sleep(0.05)
    time.sleep(1.0)
    # ctrl+c while the fork server imports the parsers: the terminal's group has it too.
    os.kill(multiprocessing.forkserver._forkserver._forkserver_pid, signal.SIGINT)
    starting.join()
    with started[0] as pool:
        print(pool._pool.submit(os.getpid).result() > 0)
"""


def test_ctrl_c_while_the_fork_server_imports_the_parsers_is_left_to_margin(
    tmp_path: Path,
) -> None:
    """The fork server ignores ctrl+c from its start: Python's own ignores it only once its
    preloads are imported, and one interrupted meanwhile printed a traceback and broke the
    pool (margin import interrupted in its first second)."""
    (tmp_path / "slow_to_import.py").write_text("import time\ntime.sleep(3)\n", encoding="utf-8")
    script = tmp_path / "start.py"
    assert _asked(script, _INTERRUPT_AT_START) == ["True"]


_CTRL_C_AS_A_WORKER_STARTS = """
import multiprocessing.popen_forkserver as popen
import os
import signal
import sys
import threading
from library import parallel
from library.limits import Limits

launch = popen.Popen._launch
launched = []


def interrupted(self, process_obj):
    launch(self, process_obj)
    launched.append(self.pid)
    if len(launched) == int(sys.argv[1]):  # ctrl+c as this worker starts
        os.kill(os.getpid(), signal.SIGINT)


if __name__ == "__main__":
    popen.Popen._launch = interrupted
    # A thread started before the pool (a fetch thread): one ctrl+c can reach at any moment.
    threading.Thread(target=threading.Event().wait, daemon=True).start()
    try:
        with parallel.ParsePool(Limits(), workers=2) as pool:
            print("started", pool.workers)
    except KeyboardInterrupt:
        print("margin: interrupted", file=sys.stderr)
        sys.exit(130)
"""


@pytest.mark.parametrize("at", [1, 2])
def test_ctrl_c_as_a_worker_starts_gives_one_line_and_leaves_no_process(
    tmp_path: Path, at: int
) -> None:
    """ctrl+c as the pool starts a worker (the first, or the second while the first starts):
    held until every worker runs, then they are ended and the interrupt goes on. Before, a
    worker forked but not yet running as margin exited printed a traceback (its queue's
    semaphores gone: `SemLock._rebuild`, FileNotFoundError, or a bad file descriptor), or ran
    on for ever with the fork server, holding the output open (the run times out)."""
    script = tmp_path / "start.py"
    script.write_text(_CTRL_C_AS_A_WORKER_STARTS, encoding="utf-8")
    for _ in range(3):  # it was a race: lost one time in two
        done = subprocess.run(
            [sys.executable, str(script), str(at)],
            cwd=REPO,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        # The interrupt goes on: exit 130 with one line and no traceback. Where the kernel hands
        # the signal to a thread that runs after the pool has started (a loaded machine; CI saw
        # it once in 3,300 tests), the body has begun ("started 2") and the interrupt comes there.
        assert (done.returncode, done.stderr) == (130, "margin: interrupted\n"), done.stderr
        assert done.stdout in ("", "started 2\n")


def test_an_article_a_worker_built_comes_back_whole() -> None:
    # Its blocks and pages travel as plain values, and are objects again on arrival.
    import pickle

    from library.importer import build_article
    from library.parallel import ParsedFile
    from library.parsers import Parsed

    parsed = Parsed(
        title="A report",
        authors=["Ann Lee"],
        tags=["budget"],
        blocks=[
            ("heading", "Summary"),
            ("paragraph", "The first page."),
            ("list_item", "A point."),
        ],
        page_starts=[(0, 0, "i"), (2, 0, "ii")],
        saved="2024-01-02T03:04:05Z",
    )
    built = build_article(parsed, "/reports/a.pdf")
    assert built.pages and built.saved == "2024-01-02T03:04:05Z"
    back = pickle.loads(pickle.dumps(ParsedFile(built), pickle.HIGHEST_PROTOCOL)).article
    assert back == built
    assert [type(b).__name__ for b in back.blocks] == ["Block"] * 3
    assert [type(p).__name__ for p in back.pages] == ["Page"] * 2


def test_every_field_of_an_article_its_blocks_and_pages_is_carried_back() -> None:
    # The blocks and pages travel as tuples of their fields: a field added to Block or Page
    # (or Article) and not carried would come back as its default, silently.
    from dataclasses import fields

    from library.model import Article, Block, Page
    from library.parallel import ParsedFile

    article = Article(
        id="a",
        title="A",
        text="One. Two.",
        blocks=[Block("paragraph", 0, 4), Block("paragraph", 5, 9)],
        pages=[Page(0, 5, "1"), Page(5, 9, "2")],
    )
    _, (values, blocks, pages) = ParsedFile(article).__reduce__()
    assert len(values) == len(fields(Article)) - 2
    assert {len(block) for block in blocks} == {len(fields(Block))}
    assert {len(page) for page in pages} == {len(fields(Page))}


_EVERY_WORKER = """
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from library.limits import Limits
from library.parallel import ParsePool
from tests.library.test_parallel import meet

submit = ProcessPoolExecutor.submit


def slow_to_come_back(self, *args, **kwargs):
    # A busy machine: this process gets the CPU again only once the task has run.
    done = submit(self, *args, **kwargs)
    done.result(timeout=60)
    while not self._idle_worker_semaphore.acquire(timeout=1):  # its worker is idle again
        pass
    self._idle_worker_semaphore.release()
    return done


if __name__ == "__main__":
    ProcessPoolExecutor.submit = slow_to_come_back
    with ParsePool(Limits(), workers=2) as pool:
        ProcessPoolExecutor.submit = submit
        print(len(pool._pool._processes))  # started before any work comes
        folder, count = sys.argv[1], pool.workers
        pids = [pool._pool.submit(meet, folder, count) for _ in range(count)]
        print(len({pid.result() for pid in pids}))
"""


def meet(folder: str, count: int) -> int:
    """This worker's id, once count workers have come to the folder, or after 30 s (runs in a
    worker: count tasks that meet need count workers at once)."""
    Path(folder, str(os.getpid())).touch()
    waited = 0.0
    while len(os.listdir(folder)) < count and waited < 30:
        time.sleep(0.05)
        waited += 0.05
    return os.getpid()


def test_every_worker_the_pool_asks_for_takes_work(tmp_path: Path) -> None:
    """Both workers are started with the pool and parse at once, even when the machine is
    busy: a submit starts a worker only when none is idle, and the first, done with its
    start-up task before the second submit, left the pool with one. The other started at some
    later submit, the moment a worker's death could leave it unterminated."""
    folder = tmp_path / "met"
    folder.mkdir()
    done = _run(tmp_path / "every.py", _EVERY_WORKER, str(folder))
    assert (done.returncode, done.stdout.split()) == (0, ["2", "2"])
    assert len(os.listdir(folder)) == 2


_NO_LAUNCH = """
import os
from concurrent.futures import ProcessPoolExecutor
from library.limits import Limits
from library.parallel import ParsePool

if __name__ == "__main__":
    del ProcessPoolExecutor._launch_processes  # a Python whose executor has none
    with ParsePool(Limits(), workers=2) as pool:
        print(pool._pool.submit(os.getpid).result() != os.getpid())
"""


def test_a_python_whose_executor_cannot_launch_its_workers_still_parses(tmp_path: Path) -> None:
    """The pool starts its workers with CPython's private `_launch_processes` (3.11 to 3.14 have
    it); without it, a submit each starts them, as the executor does on its own."""
    done = _run(tmp_path / "no_launch.py", _NO_LAUNCH)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")
