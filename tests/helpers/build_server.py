"""``python -m mkdocs build`` and ``python -m microsite.cli check`` without starting Python
each time.

A test process starts one server (this file, run as a script: its own process, not a fork of
the test process, whose Playwright threads a fork would copy in a broken state). The server
imports once what every build imports – MkDocs, Material, mkdocs-static-i18n, Babel's locale
data for the site's languages, our package – and then forks a child per build. The child is
the build process: it takes the build's folder and environment, writes its stdout and stderr
to the files the caller names, runs the module as ``python -m`` does (``runpy``) and ends with
its exit code. A child starts from the server's untouched state, so no build sees what another
left behind.

What a process would set up at its start and the child cannot change stays the server's:
the hash seed, the time zone, the locale, and whether Material prints its end-of-life notice.
A build that sets any of them (``PYTHONHASHSEED`` and ``TZ``: the reproducibility test), or
that runs inside another command, is a plain subprocess (``sitebuild.build``).

Protocol, one JSON object per line: the caller sends ``{"module", "argv", "cwd", "env",
"stdout", "stderr"}``, the server answers ``{"pid"}`` once the child runs and
``{"pid", "returncode"}`` when it has ended (negative: killed by that signal, as
``subprocess`` reports it). Children run side by side: the server takes the next request while
one runs (two builds at once: tests/publish/test_site_swap.py), and a caller may signal its
child as a process of its own (``BuildServer.start``: a ``Popen``'s ``pid``, ``poll``,
``wait`` and ``send_signal``).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import runpy
import signal
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from typing import Any, NoReturn

PRELOAD = (
    "mkdocs.__main__", "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.plugins",
    "mkdocs.theme", "mkdocs.structure.files", "mkdocs.structure.nav", "mkdocs.structure.pages",
    "mkdocs.contrib.search", "material.plugins.search.plugin", "material.plugins.search.config",
    "material.templates", "mkdocs_static_i18n.plugin", "mkdocs_static_i18n.reconfigure",
    "mkdocs_static_i18n.folder", "microsite.mkdocs_plugin.plugin",
    "microsite.mkdocs_plugin.config", "microsite.mkdocs_plugin.preview",
    "microsite.publish.build", "microsite.publish.compiled_templates",
    "microsite.render.gender_forms", "microsite.cli", "markdown", "markdown.extensions.attr_list",
    "markdown.extensions.codehilite", "markdown.extensions.fenced_code",
    "markdown.extensions.toc", "markdown.extensions.tables", "markdown.extensions.md_in_html",
    "pymdownx", "jinja2", "babel.dates", "babel.numbers", "lxml.etree", "yaml", "colorama",
    "encodings.unicode_escape", "encodings.utf_8_sig",
)
"""What a build of the sample project imports (``python -X importtime -m mkdocs build``, and
what ``sys.modules`` gains during a build); a module missing here is imported by the child,
only later."""
LOCALES = ("de", "en", "tr", "ar", "uk")
"""The site's languages: Babel reads their locale data once, in the server."""
SERVER_ENV = {"NO_MKDOCS_2_WARNING": "1"}
"""Material reads this once, on import: the tests silence its end-of-life notice (a build
that shows it is a plain subprocess)."""
GC_THRESHOLDS = (50_000, 20, 100)
"""The garbage collector's thresholds in the test processes (tests/conftest.py) and in the
server's builds: they make and drop many trees of cycles (parsed pages, Markdown's trees); with
Python's default (700, 10, 10) the collector ran thousands of times per process, each time
through every tree kept: in the workers 10.7 s of a run, now 4.8 s; a build a twentieth less,
writing the same (test_build_server.py)."""
TEMPLATE_CODE = "MICROSITE_TEST_TEMPLATE_CODE"
"""A folder (tests/conftest.py: one per test run, for every worker) where the builds keep
the Python code Jinja compiles from a template, for the next build of the run: each build would
otherwise compile Material's templates and ours anew, a tenth of its time."""


# --- the server -----------------------------------------------------------------------------

def preload() -> None:
    """Import what a build imports (``PRELOAD``, with ``SERVER_ENV`` set as Material reads it on
    import) and read what it reads once: every fork of this process starts with it (the
    server's children, and the benchmark's builds with ``--fork``: bench/measure.py)."""
    import importlib

    os.environ.update(SERVER_ENV)

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as missing:  # renamed: the children import it, only later
            print(f"build_server: {name} is not preloaded ({missing})", file=sys.stderr)
    import babel
    from mkdocs.plugins import get_plugins
    from mkdocs.utils import get_theme_names

    get_plugins()  # entry points: importlib.metadata reads the installed packages once
    get_theme_names()
    for code in LOCALES:
        babel.Locale.parse(code).number_symbols  # noqa: B018 (loads the locale data)


def _share_template_code() -> None:
    """In a build whose environment names a folder in ``TEMPLATE_CODE``, Jinja's
    ``Environment.compile`` keeps its result there and takes it from there when a build of the
    run compiled the same source before, in an environment whose settings give the same code
    (``_code_key``). The code is what compiling would give: only the time it takes is saved. A
    test that counts compilations builds in its own process
    (tests/mkdocs_plugin/test_work_once.py)."""
    import marshal
    import tempfile

    import jinja2

    compile_ = jinja2.Environment.compile

    def compile_shared(self, source, name=None, filename=None, raw=False,  # type: ignore[no-untyped-def]
                       defer_init=False):
        folder = os.environ.get(TEMPLATE_CODE)
        if not folder or raw or not isinstance(source, str):
            return compile_(self, source, name, filename, raw, defer_init)
        stored = Path(folder) / (_code_key(self, source, name, filename, defer_init) + ".code")
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            return marshal.loads(stored.read_bytes())
        code = compile_(self, source, name, filename, raw, defer_init)
        with tempfile.NamedTemporaryFile(dir=stored.parent, delete=False) as new:
            new.write(marshal.dumps(code))
        os.replace(new.name, stored)  # whole or not at all, for the other worker's builds
        return code

    jinja2.Environment.compile = compile_shared  # type: ignore[method-assign]


def _code_key(env: object, source: str, name: str | None, filename: str | None,
              defer_init: bool) -> str:
    """What the compiled code depends on: the source, its names, and the environment's
    settings the compiler reads (syntax, escaping for this template, extensions and gettext
    style, and finalize, filters and tests: their argument passing, and the functions
    themselves, since the compiler computes constant expressions with them)."""
    import hashlib

    env_: Any = env
    autoescape = env_.autoescape(name) if callable(env_.autoescape) else env_.autoescape
    settings = (
        type(env_).__module__, type(env_).__qualname__, sorted(env_.extensions),
        env_.block_start_string, env_.block_end_string, env_.variable_start_string,
        env_.variable_end_string, env_.comment_start_string, env_.comment_end_string,
        env_.line_statement_prefix, env_.line_comment_prefix, env_.trim_blocks,
        env_.lstrip_blocks, env_.newline_sequence, env_.keep_trailing_newline, env_.optimized,
        env_.is_async, bool(autoescape), getattr(env_, "newstyle_gettext", None),
        _function_key(env_.finalize) if env_.finalize else None,
        repr(sorted(env_.policies.items())),
        sorted((key, _function_key(f)) for key, f in env_.filters.items()),
        sorted((key, _function_key(f)) for key, f in env_.tests.items()),
    )
    return hashlib.sha256(repr((settings, name, filename, defer_init, source)).encode(
        "utf-8", "surrogatepass")).hexdigest()


def _function_key(function: object) -> tuple:
    """A filter, test or finalize function as the compiler may use it: how it is passed its
    arguments, its names, its code and what its closure holds (an object shown with its
    address never matches another process's: a miss, never a wrong hit)."""
    from jinja2.utils import _PassArg

    code = getattr(function, "__code__", None)
    cells = getattr(function, "__closure__", None) or ()
    return (repr(_PassArg.from_obj(function)), getattr(function, "__module__", None),
            getattr(function, "__qualname__", type(function).__qualname__),
            _code_digest(code) if code is not None else repr(function),
            repr([cell.cell_contents for cell in cells]))


@functools.cache  # code objects are immutable, and equal when their contents are
def _code_digest(code: Any) -> str:
    import hashlib
    import types

    parts = [code.co_code, repr(code.co_names).encode()]
    parts += [_code_digest(const).encode() if isinstance(const, types.CodeType)
              else repr(const).encode() for const in code.co_consts]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _list_installed_templates_once() -> None:
    """Material's templates folder holds some 14,500 files (its icons): MkDocs lists a theme's
    folders and filters the names for every build, and mkdocs-static-i18n once more for each
    language (``Files.add_files_from_theme``), a third of a forked build's time.

    What is installed does not change while the tests run: the server lists the installed
    themes' folders once; a listing of several folders (e.g. ``overrides/`` first) joins the
    kept listings of the installed ones with a fresh one of the others, as Jinja's
    ``list_templates`` would. MkDocs' filter refuses every name with a part that starts with a
    dot (``.*``, ``*/.*``: the icons); where the filter says so, those names are left out
    before it runs, and it filters the rest as always."""
    import jinja2
    import mkdocs
    from mkdocs.utils import get_theme_dir, get_theme_names

    list_loader = jinja2.FileSystemLoader.list_templates
    list_env = jinja2.Environment.list_templates
    installed = os.path.realpath(sys.prefix) + os.sep
    kept: dict[tuple[str, bool], tuple[list[str], list[str]]] = {}

    def one_folder(folder: str, followlinks: bool) -> tuple[list[str], list[str]]:
        """The folder's names, and those without a part starting with a dot."""
        key = (folder, followlinks)
        if key in kept:
            return kept[key]
        names = list_loader(jinja2.FileSystemLoader(folder, followlinks=followlinks))
        listing = names, [n for n in names if not n.startswith(".") and "/." not in n]
        if os.path.realpath(folder).startswith(installed):
            kept[key] = listing
        return listing

    def joined(loader: jinja2.FileSystemLoader, undotted: bool) -> list[str]:
        return sorted({name for folder in loader.searchpath
                       for name in one_folder(folder, loader.followlinks)[undotted]})

    def loader_list_templates(self: jinja2.FileSystemLoader) -> list[str]:
        return joined(self, False)

    def env_list_templates(self: jinja2.Environment, extensions: Any = None,
                           filter_func: Any = None) -> list[str]:
        if (extensions is None and isinstance(self.loader, jinja2.FileSystemLoader)
                and _refuses_dotted_names(filter_func)):
            return [name for name in joined(self.loader, True) if filter_func(name)]
        return list_env(self, extensions, filter_func)

    # every theme's folder, and MkDocs' own templates (the last folder of every theme)
    for folder in (*map(get_theme_dir, get_theme_names()),
                   os.path.join(os.path.dirname(mkdocs.__file__), "templates")):
        one_folder(folder, False)
    jinja2.FileSystemLoader.list_templates = loader_list_templates  # type: ignore[method-assign]
    jinja2.Environment.list_templates = env_list_templates  # type: ignore[method-assign]


def _refuses_dotted_names(filter_func: Any) -> bool:
    """Whether ``filter_func`` is MkDocs' theme-file filter, whose first patterns (``.*``,
    ``*/.*``) refuse every name with a part that starts with a dot."""
    code = getattr(filter_func, "__code__", None)
    if code is None or not getattr(filter_func, "__qualname__", "").endswith(
            "add_files_from_theme.<locals>.filter"):
        return False
    constants = [c for const in code.co_consts
                 for c in (const if isinstance(const, tuple) else (const,))]
    return ".*" in constants and "*/.*" in constants


def _run_child(request: dict, protocol: tuple[int, ...]) -> None:
    """In the forked child: become the build process, then end with its exit code."""
    try:
        # a process of its own: no wake-up on its children's end (the server's), and Ctrl-C's
        # signal a KeyboardInterrupt, as in a process started from a terminal (a process
        # started where SIGINT is ignored, e.g. a suite in a shell's background, keeps
        # ignoring it; the tests that send it want the terminal's behaviour)
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for fd in protocol:
            os.close(fd)
    finally:
        run_as_main(request["module"], request["argv"], cwd=request["cwd"], env=request["env"],
                    stdout=request["stdout"], stderr=request["stderr"])


def run_as_main(module: str, argv: list[str], *, cwd: str, env: dict[str, str], stdout: str,
                stderr: str | None) -> NoReturn:
    """Become ``python -m module *argv`` (``python module *argv`` for a script's path ending in
    ``.py``) in this process, a fork: its folder, environment, output files (``stderr`` None:
    both streams in ``stdout``) and exit code."""
    code = 1
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        out = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.close(out)
        if stderr is None:
            os.dup2(1, 2)
        else:
            err = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(err, 2)
            os.close(err)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        try:
            if module.endswith(".py"):  # a script: its folder first on the path, as python does
                script = os.path.abspath(module)
                sys.path.insert(0, os.path.dirname(script))
                sys.argv = [module, *argv]
                runpy.run_path(script, run_name="__main__")
            else:
                sys.path.insert(0, os.getcwd())  # as ``python -m`` puts it first
                _forget(module)
                sys.argv = ["-m", *argv]  # runpy puts the module's file first
                runpy.run_module(module, run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as stop:
            code = _exit_code(stop.code)
        except BaseException:  # what an interpreter prints for an uncaught exception
            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def run_forked(module: str, argv: list[str], *, cwd: str, env: dict[str, str], stdout: str,
               stderr: str | None) -> tuple[int, Any]:
    """``run_as_main`` in a fork of this process, waited for: its exit code (negative: killed
    by that signal) and its own resource usage (``os.wait4``). The fork runs this process's
    exit handlers too, when it ends (as a build process runs its own): register none that must
    run once, e.g. a ``TemporaryDirectory``'s clean-up, before forking."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        run_as_main(module, argv, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
    _, status, usage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), usage


def _forget(module: str) -> None:
    """Unload the module ``python -m module`` runs (a package's ``__main__``; its imports and
    its package stay): it runs as ``__main__`` only, and runpy warns when it finds it loaded."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is not None and spec.submodule_search_locations is not None:
        module += ".__main__"
    sys.modules.pop(module, None)
    parent, _, name = module.rpartition(".")
    if parent in sys.modules and hasattr(sys.modules[parent], name):
        delattr(sys.modules[parent], name)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def serve() -> None:
    """Answer build requests on stdin/stdout until stdin closes; then end the children still
    running, and reap them."""
    import select

    requests, answers = os.dup(0), os.fdopen(os.dup(1), "w", encoding="utf-8")
    ended, wake = os.pipe()  # a byte for every SIGCHLD: a child ended
    os.set_blocking(ended, False)
    os.set_blocking(wake, False)
    protocol = (requests, answers.fileno(), ended, wake)
    os.dup2(2, 1)  # what the server itself prints never mixes with the answers
    sys.path.pop(0)  # this file's folder: a build process has its own folder there instead
    preload()
    _share_template_code()
    _list_installed_templates_once()
    import gc

    gc.freeze()  # the children share the imported modules' pages instead of copying them
    gc.set_threshold(*GC_THRESHOLDS)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    signal.set_wakeup_fd(wake)
    running: set[int] = set()

    def answer(message: dict) -> None:
        answers.write(json.dumps(message) + "\n")
        answers.flush()

    def reap() -> None:
        for pid in list(running):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                running.discard(pid)
                answer({"pid": pid, "returncode": os.waitstatus_to_exitcode(status)})

    pending, closed = b"", False
    while True:
        reap()
        if closed and not running:
            break
        ready = select.select([ended] if closed else [requests, ended], [], [])[0]
        with contextlib.suppress(BlockingIOError):
            while os.read(ended, 4096):  # drained: the next SIGCHLD wakes the loop again
                pass
        if requests not in ready:
            continue
        chunk = os.read(requests, 1 << 16)
        closed = not chunk
        if closed:  # the test process ended: what it left running ends with it
            for pid in running:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _run_child(json.loads(line), protocol)
            running.add(pid)
            answer({"pid": pid})


# --- the caller -----------------------------------------------------------------------------

class ServerChild:
    """A child of the build server, as a ``subprocess.Popen`` is used: ``pid``, ``poll``,
    ``wait`` and ``send_signal`` (it is the server's child, not the caller's: the server
    reports its end)."""

    def __init__(self, pid: int, args: list[str]) -> None:
        self.pid = pid
        self.args = args
        self.returncode: int | None = None
        self._ended = threading.Event()

    def _end(self, returncode: int | None) -> None:
        self.returncode = returncode
        self._ended.set()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        if self.returncode is None:
            raise RuntimeError("the build server ended unexpectedly")
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class _Request:
    """A request sent, until the server answers its child's pid."""

    def __init__(self, args: list[str]) -> None:
        self.args = args
        self.child: ServerChild | None = None
        self.answered = False


class _Connection:
    """A running server and what it has answered: its children by pid, and the requests
    still waiting for theirs (the server answers requests in their order)."""

    def __init__(self, lock: threading.Lock) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", env={**os.environ, **SERVER_ENV})
        self.answered = threading.Condition(lock)
        self.requested: list[_Request] = []
        self.children: dict[int, ServerChild] = {}
        threading.Thread(target=self._read_answers, daemon=True).start()

    def _read_answers(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            answer = json.loads(line)
            with self.answered:
                if "returncode" in answer:
                    self.children.pop(answer["pid"])._end(answer["returncode"])
                else:
                    request = self.requested.pop(0)
                    request.child = ServerChild(answer["pid"], request.args)
                    request.answered = True
                    self.children[answer["pid"]] = request.child
                    self.answered.notify_all()
        with self.answered:  # the server ended: no child of it will be reported
            for child in self.children.values():
                child._end(None)
            self.children.clear()
            for request in self.requested:
                request.answered = True  # without a child
            self.requested.clear()
            self.answered.notify_all()


class BuildServer:
    """One server per test process, started on the first build and ended with the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: _Connection | None = None

    def _started(self) -> _Connection:
        """The running server (started if none runs); called with the lock held."""
        if self._connection is None or self._connection.process.poll() is not None:
            self._connection = _Connection(self._lock)
            atexit.register(self.stop)
        return self._connection

    def stop(self) -> None:
        """End the server (closing its input ends it and the children it still runs) and reap
        it."""
        connection, self._connection = self._connection, None
        if connection is not None and connection.process.stdin is not None:
            process = connection.process
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def start(self, module: str, argv: list[str], *, cwd: Path, env: dict[str, str],
              stdout: Path, stderr: Path | None) -> ServerChild:
        """``python -m module *argv`` (or ``python module *argv`` for a script's path ending
        in ``.py``) as a child of the server, running: its output goes to ``stdout`` and
        ``stderr`` (None: both streams to ``stdout``), files that exist, empty, when this
        returns (as a ``Popen``'s caller opens them first: the child opens them only later)."""
        for path in (stdout, stderr):
            if path is not None:
                Path(path).open("w").close()
        with self._lock:
            server = self._started()
            assert server.process.stdin is not None
            request = _Request([module, *argv])
            server.requested.append(request)  # in the order the requests are sent
            server.process.stdin.write(json.dumps({
                "module": module, "argv": argv, "cwd": str(cwd), "env": env,
                "stdout": str(stdout), "stderr": None if stderr is None else str(stderr)}) + "\n")
            server.process.stdin.flush()
            server.answered.wait_for(lambda: request.answered)
        if request.child is None:
            raise RuntimeError("the build server ended unexpectedly")
        return request.child

    def run(self, module: str, argv: list[str], *, cwd: Path, env: dict[str, str],
            stdout: Path, stderr: Path, timeout: float) -> int:
        """``start`` and wait: the child's exit code; past ``timeout`` it is killed and
        ``subprocess.TimeoutExpired`` raised."""
        child = self.start(module, argv, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        try:
            return child.wait(timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise


SERVER = BuildServer()


if __name__ == "__main__":
    serve()
