# The host's side of the package: loading handler modules, registering handlers, running them, and what crosses back.
import importlib
import json
import os
import sys

from tasker_core.errors import PermanentError, RetryableError, TaskerError
from tasker_core.step_handler import StepHandler
from tasker_core.types import StepContext, StepHandlerResult

_package = sys.modules["tasker_core"].__dict__
_registry = {}
_scanned = set()
_roots = []
_loop = None


def _base_classes():
    base, batch = sys.modules["tasker_core.step_handler"], sys.modules["tasker_core.batch_processing"]
    return {base.StepHandler, base.DecisionHandler, base.ApiHandler, base.BatchableHandler, batch.Batchable}


def register(name, target):
    _registry[name] = target


def module_name(path, root):
    relative = os.path.relpath(path, root)[:-3].split(os.sep)
    if relative[-1] == "__init__":
        relative = relative[:-1]
    return ".".join(relative)


def load(path, root):
    """Imports the module of a handler file (its package first, as Python does) and registers what the modules of the
    handler folders define; answers [name, file] pairs."""
    if root not in sys.path:
        sys.path.insert(0, root)
    if root not in _roots:
        _roots.append(root)
    name = module_name(path, root)
    if not name:
        # the __init__.py of a handler folder itself: it marks the folder as a package and is no module of it
        return json.dumps([])
    if name in sys.modules and getattr(sys.modules[name], "__file__", None) != path:
        del sys.modules[name]
    try:
        importlib.import_module(name)
    except SyntaxError:
        raise
    except Exception as error:
        import traceback
        mine = [f for f in traceback.extract_tb(error.__traceback__) if any(f.filename.startswith(r + os.sep) for r in _roots)]
        if not mine:
            return json.dumps({"load_error": "%s: %s: %s (raised inside Python's import machinery)"
                                             % (path, type(error).__name__, error)})
        return json.dumps({"load_error": "%s:%d: %s: %s" % (mine[-1].filename, mine[-1].lineno, type(error).__name__, error)})
    return json.dumps(_scan_new_modules())


def _scan_new_modules():
    bases = _base_classes()
    found = []
    for module_key, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if module_key in _scanned or not file or not any(file.startswith(r + os.sep) for r in _roots):
            continue
        _scanned.add(module_key)
        for attr, value in list(vars(module).items()):
            if isinstance(value, type) and issubclass(value, StepHandler) and value not in bases \
                    and value.__module__ == module.__name__:
                names = [attr, module.__name__ + "." + attr] + ([value.handler_name] if value.handler_name else [])
                found += [_add(n, value, file) for n in dict.fromkeys(names)]
            elif callable(value) and isinstance(getattr(value, "_handler_class", None), type) \
                    and getattr(value, "__module__", None) == module.__name__:
                cls = value._handler_class
                names = [cls.handler_name, module.__name__ + "." + attr]
                found += [_add(n, cls, file) for n in dict.fromkeys(names) if n]
    return found


def _add(name, cls, file):
    _registry[name] = cls
    return [name, file]


def registered():
    return json.dumps(list(_registry.keys()))


def save_checkpoint(cursor, items_processed, accumulated_results):
    checkpoint = {"cursor": cursor, "items_processed": items_processed, "accumulated_results": accumulated_results}
    _package["_tasker_checkpoint"](json.dumps(to_json(checkpoint, "checkpoint")))
    return checkpoint


def http(method, url, body, headers, timeout):
    answer = json.loads(_package["_tasker_http"](method, url, json.dumps(headers or {}),
                                                 None if body is None else json.dumps(to_json(body, "body")),
                                                 float(timeout)))
    if answer["ok"]:
        return answer["response"]
    if answer["retryable"]:
        raise RetryableError(answer["message"], retry_after=answer.get("retry_after"))
    raise PermanentError(answer["message"])


def _instance(cls, config):
    try:
        return cls()
    except TypeError:
        return cls(config=config)


def _run(value):
    """A coroutine (an async handler) runs to completion on this context's event loop."""
    if type(value).__name__ != "coroutine":
        return value
    global _loop
    if _loop is None or _loop.is_closed():
        _loop = _host_loop()
    return _loop.run_until_complete(value)


def _host_loop():
    """An asyncio loop without a selector: handlers may not open sockets (nor the self-pipe asyncio's default loop
    makes of one), so the loop waits for its timers by sleeping. Timers, tasks, gather and sleep work."""
    import asyncio
    import time

    class SleepingSelector:
        def select(self, timeout=None):
            time.sleep(0.05 if timeout is None else min(timeout, 0.05))
            return []

        def close(self):
            pass

    class HostLoop(asyncio.BaseEventLoop):
        def __init__(self):
            super().__init__()
            self._selector = SleepingSelector()

        def _process_events(self, event_list):
            pass

        def _write_to_self(self):
            pass

    loop = HostLoop()
    asyncio.set_event_loop(loop)
    return loop


def invoke(name, payload):
    try:
        target = _registry.get(name)
        if target is None:
            raise PermanentError("no Python handler is registered as '%s'" % name)
        context = StepContext(_from_host(payload))
        context.handler_name = name
        method = payload.get("handler_method") or "call"
        if isinstance(target, type):
            handler = _instance(target, context.step_config)
            if method != "call" and getattr(target, "_functional", None) is not None \
                    and not callable(getattr(handler, method, None)):
                method = "call"  # a decorated function has one entry point, whatever method the template names
            if method != "call":
                if not callable(getattr(handler, method, None)):
                    raise PermanentError("handler '%s' has no method '%s' (handler.method)" % (name, method))
                value = _run(getattr(handler, method)(context))
            elif callable(getattr(handler, "call", None)) and type(handler).call is not StepHandler.call:
                value = _run(handler.call(context))
            elif callable(getattr(handler, "process", None)):
                output = _run(handler.process(context))
                value = _run(handler.process_results(output)) if hasattr(handler, "process_results") else output
            else:
                raise PermanentError("handler '%s' has neither call(context) nor process(context)" % name)
        else:
            value = _run(target(context))
        return json.dumps(answer(value))
    except Exception as error:
        return json.dumps(describe(error), default=str)


def answer(value):
    if isinstance(value, StepHandlerResult):
        metadata = value.metadata if isinstance(value.metadata, dict) else {}
        if not value.is_success:
            return {"success": False, "error_type": value.error_type or "handler_error", "message": value.error_message,
                    "retryable": value.retryable is not False, "error_code": value.error_code,
                    "retry_after_seconds": getattr(value, "_retry_after", None),
                    "metadata": to_json(value.metadata, "metadata"), "backtrace": []}
        if metadata.get("checkpoint_yield") is True and isinstance(value.result, dict):
            r = value.result
            return {"success": True, "checkpoint_yield": to_json(
                {"cursor": r.get("cursor"), "items_processed": r.get("items_processed", 0),
                 "accumulated_results": r.get("accumulated_results")}, "result")}
        return {"success": True, "result": to_json(value.result, "result"), "metadata": to_json(value.metadata, "metadata")}
    return {"success": True, "result": to_json(value, "result"), "metadata": None}


def to_json(value, path):
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PermanentError("%s is %s, which JSON cannot hold" % (path, value))
        return value
    if isinstance(value, dict):
        return {str(k): to_json(v, "%s.%s" % (path, k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v, "%s[%d]" % (path, i)) for i, v in enumerate(value)]
    # a Decimal, date or UUID can only come from a handler that imported its module (importing them here costs start-up)
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(value, decimal.Decimal):
        return float(value)
    datetime = sys.modules.get("datetime")
    if datetime is not None and isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    uuid = sys.modules.get("uuid")
    if uuid is not None and isinstance(value, uuid.UUID):
        return str(value)
    enum = sys.modules.get("enum")
    if enum is not None and isinstance(value, enum.Enum):
        return to_json(value.value, path)
    if hasattr(value, "model_dump"):
        return to_json(value.model_dump(), path)
    raise PermanentError("%s is a %s, which cannot be a step result" % (path, type(value).__name__))


def describe(error):
    import traceback  # only on failures: importing it took ~0.7 s of start-up

    frames = traceback.extract_tb(error.__traceback__)
    retryable = error.retryable if isinstance(error, TaskerError) and error.retryable is not None \
        else not isinstance(error, PermanentError)
    return {
        "success": False,
        "error_type": type(error).__name__,
        "message": str(error),
        "retryable": retryable,
        "retry_after_seconds": getattr(error, "retry_after", None),
        "error_code": getattr(error, "error_code", None),
        "metadata": getattr(error, "metadata", None) or None,
        "backtrace": ["%s:%d in %s" % (f.filename, f.lineno, f.name) for f in frames
                      if not f.filename.startswith("tasker_core/")][-30:],
    }


_NONE = type(None)


def _from_host(value):
    """The host's maps, lists, big integers and nulls as Python's own (strings, small numbers and booleans arrive so)."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or kind is _NONE:
        return value
    if isinstance(value, dict):
        return {_from_host(k): _from_host(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_host(v) for v in value]
    if kind.__name__ == "ForeignNone":
        return None
    if kind.__name__ == "ForeignNumber":
        return int(value) if value == int(value) else float(value)
    return value
