# What GraalPy's sandbox refuses by raising a host exception no handler can catch (os.system, sockets, select,
# threads) raises PermissionError here instead, saying why. Modules not yet imported are patched when first imported.
import errno
import os
import sys


def _refuser(what, why):
    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EPERM, f"{what} is not allowed in a Tasker handler: {why}")
    return refuse


_PROCESSES = "handlers may not start processes"
_NETWORK = "handlers may not open sockets (use the API handler for HTTP)"
_THREADS = "handlers may not start threads (use async def for concurrency)"


def _patch_socket(module):
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo",
                 "create_connection", "create_server", "socketpair", "fromfd"):
        setattr(module, name, _refuser(f"socket.{name}", _NETWORK))
    module.socket.__init__ = _refuser("socket.socket", _NETWORK)


def _patch_select(module):
    for name in ("select", "poll", "epoll"):
        if hasattr(module, name):
            setattr(module, name, _refuser(f"select.{name}", _NETWORK))


def _patch_threading(module):
    module.Thread.start = _refuser("threading.Thread.start", _THREADS)


def _patch_thread(module):
    module.start_new_thread = _refuser("_thread.start_new_thread", _THREADS)
    module.start_new = module.start_new_thread


_PATCHES = {"socket": _patch_socket, "select": _patch_select, "threading": _patch_threading, "_thread": _patch_thread}


class _PatchedLoader:
    def __init__(self, loader, patch):
        self._loader, self._patch = loader, patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._patch(module)


class _PatchOnImport:
    """A meta path finder in front of the others: it finds nothing itself, it wraps the loader of a module to patch."""

    def find_spec(self, name, path=None, target=None):
        patch = _PATCHES.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _PatchedLoader(spec.loader, patch)
                return spec
        return None


os.system = _refuser("os.system", _PROCESSES)
for _name, _patch in _PATCHES.items():
    if _name in sys.modules:
        _patch(sys.modules[_name])
sys.meta_path.insert(0, _PatchOnImport())
