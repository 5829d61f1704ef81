# Tasker's handler API for Python handlers, installed as the modules `tasker_core` and `tasker`.
# The host calls _tasker_load(path, root) for each handler file and _tasker_invoke(name, payload), the payload as the
# host's maps and lists (GraalPy's json.loads costs ~50 us for a step's payload; reading the host's objects, a few).
import importlib.util
import json
import os
import re
import sys


class PermanentError(Exception):
    def __init__(self, message, error_code=None, metadata=None):
        super().__init__(message)
        self.message = message
        self.error_code = error_code
        self.metadata = metadata


class RetryableError(Exception):
    def __init__(self, message, retry_after=None, error_code=None, metadata=None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.error_code = error_code
        self.metadata = metadata


class StepHandlerResult:
    def __init__(self, success, result=None, metadata=None, message=None, error_type=None, retryable=True,
                 error_code=None):
        self.is_success = success
        self.result = result
        self.metadata = metadata
        self.message = message
        self.error_type = error_type
        self.retryable = retryable
        self.error_code = error_code

    @staticmethod
    def success(result=None, metadata=None):
        return StepHandlerResult(True, result=result, metadata=metadata)

    @staticmethod
    def failure(message, error_type="StepFailure", retryable=True, metadata=None, error_code=None):
        return StepHandlerResult(False, message=message, error_type=error_type, retryable=retryable,
                                 metadata=metadata, error_code=error_code)


class StepContext:
    def __init__(self, payload):
        self.task_uuid = payload.get("task_uuid")
        self.step_uuid = payload.get("step_uuid")
        self.step_name = payload.get("step_name")
        self.namespace_name = payload.get("namespace_name")
        self.input_data = payload.get("input_data") or {}
        self.step_inputs = payload.get("step_inputs") or {}
        self.step_config = payload.get("step_config") or {}
        self.dependency_results = payload.get("dependency_results") or {}
        self.retry_count = payload.get("retry_count") or 0
        self.max_retries = payload.get("max_retries") or 1
        self.checkpoint = payload.get("checkpoint")

    def get_input(self, key):
        return self.input_data.get(key)

    def get_batch_results(self, worker_template):
        """A convergence step's view of a batch: the results of {worker_template}_001, _002, ... in order."""
        worker = re.compile(re.escape(worker_template) + r"_\d{3,}$")
        return [self.dependency_results[k] for k in sorted(self.dependency_results) if worker.match(k)]

    def checkpoint_yield(self, cursor, items_processed, accumulated_results=None):
        """Saves progress now; a retry of this step starts with it as ``checkpoint``."""
        checkpoint = {"cursor": cursor, "items_processed": items_processed, "accumulated_results": accumulated_results}
        _tasker_checkpoint(json.dumps(_to_json(checkpoint, "checkpoint")))
        self.checkpoint = checkpoint

    def get_input_or(self, key, default):
        value = self.input_data.get(key)
        return default if value is None else value

    def get_config(self, key):
        return self.step_config.get(key)

    def get_dependency_result(self, step_name):
        return self.dependency_results.get(step_name)

    def get_dependency_field(self, step_name, *path):
        value = self.get_dependency_result(step_name)
        for key in path:
            if value is None:
                return None
            value = value[key] if isinstance(value, list) else value.get(key)
        return value

    def is_retry(self):
        return self.retry_count > 0

    def is_last_retry(self):
        return self.retry_count >= self.max_retries - 1


class StepHandler:
    handler_name = None

    def start_sub_workflow(self, namespace, name, context=None, version=None):
        """Starts a child task of a registered template; this step completes with the child's result when it ends."""
        request = {"namespace": namespace, "name": name, "context": context or {}}
        if version:
            request["version"] = version
        return self.success({"sub_workflow": request})

    def success(self, result=None, metadata=None):
        return StepHandlerResult.success(result, metadata)

    def failure(self, message, error_type="StepFailure", retryable=True, metadata=None, error_code=None):
        return StepHandlerResult.failure(message, error_type, retryable, metadata, error_code)


class DecisionHandler(StepHandler):
    def decision_success(self, step_names, routing_context=None):
        return self.success({"decision_point_outcome": {"type": "create_steps", "step_names": list(step_names)},
                             "routing_context": routing_context or {}})

    def skip_branches(self, reason=None):
        return self.success({"decision_point_outcome": {"type": "no_branches"}, "reason": reason})


class ApiHandler(StepHandler):
    """Calls HTTP APIs through the host's client. 429 and 5xx raise RetryableError (honouring Retry-After),
    other 4xx PermanentError; refused connections and timeouts are retryable. A response is a dict with
    status, headers and body."""

    def get(self, url, headers=None, timeout=30):
        return _http("GET", url, None, headers, timeout)

    def post(self, url, body=None, headers=None, timeout=30):
        return _http("POST", url, body, headers, timeout)

    def put(self, url, body=None, headers=None, timeout=30):
        return _http("PUT", url, body, headers, timeout)

    def delete(self, url, headers=None, timeout=30):
        return _http("DELETE", url, None, headers, timeout)


def _http(method, url, body, headers, timeout):
    answer = json.loads(_tasker_http(method, url, json.dumps(headers or {}),
                                     None if body is None else json.dumps(_to_json(body, "body")), float(timeout)))
    if answer["ok"]:
        return answer["response"]
    if answer["retryable"]:
        raise RetryableError(answer["message"], retry_after=answer.get("retry_after"))
    raise PermanentError(answer["message"])


class BatchableHandler(StepHandler):
    def create_cursor_configs(self, total_items, batch_size):
        return [{"batch_id": "%03d" % (i + 1), "start_cursor": start, "end_cursor": min(start + batch_size, total_items),
                 "batch_size": batch_size} for i, start in enumerate(range(0, total_items, batch_size))]

    def batch_success(self, worker_template_name, total_items, batch_size):
        if total_items == 0:
            return self.success({"batch_processing_outcome": {"type": "no_batches"}})
        configs = self.create_cursor_configs(total_items, batch_size)
        return self.success({"batch_processing_outcome": {"type": "create_batches",
                                                          "worker_template_name": worker_template_name,
                                                          "worker_count": len(configs), "cursor_configs": configs,
                                                          "total_items": total_items}})

    def batch_worker_success(self, items_processed, results=None):
        return self.success(dict({"items_processed": items_processed}, **(results or {})))


class _Logger:
    """Writes to the host's log, tagged with the task and step being run."""

    def debug(self, message):
        _tasker_log("debug", str(message))

    def info(self, message):
        _tasker_log("info", str(message))

    def warning(self, message):
        _tasker_log("warn", str(message))

    warn = warning

    def error(self, message):
        _tasker_log("error", str(message))


logger = _Logger()
StepHandler.logger = logger

_registry = {}
_BASES = (StepHandler, DecisionHandler, BatchableHandler)


def step_handler(name):
    """The functional form: @step_handler("name") on a function of the context."""
    def register(fn):
        _registry[name] = fn
        return fn
    return register


def _tasker_load(path, root):
    if root not in sys.path:
        sys.path.insert(0, root)
    relative = os.path.relpath(path, root)[:-3]
    dotted = relative.replace(os.sep, ".")
    spec = importlib.util.spec_from_file_location(dotted, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[dotted] = module
    spec.loader.exec_module(module)
    names = []
    for attr, value in list(vars(module).items()):
        if isinstance(value, type) and issubclass(value, StepHandler) and value not in _BASES \
                and value.__module__ == module.__name__:
            aliases = [attr, dotted + "." + attr]
            if value.handler_name:
                aliases.append(value.handler_name)
            for alias in aliases:
                _registry[alias] = value
                names.append(alias)
    return json.dumps(names)


def _tasker_registered():
    return json.dumps(list(_registry.keys()))


def _to_json(value, path):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PermanentError("%s is %s, which JSON cannot hold" % (path, value))
        return value
    # a Decimal or a date can only come from a handler that imported its module (importing both here took ~1 s of start-up)
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(value, decimal.Decimal):
        return float(value)
    datetime = sys.modules.get("datetime")
    if datetime is not None and isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _to_json(v, "%s.%s" % (path, k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json(v, "%s[%d]" % (path, i)) for i, v in enumerate(value)]
    raise PermanentError("%s is a %s, which cannot be a step result" % (path, type(value).__name__))


def _describe(error):
    import traceback  # only on failures: importing it took ~0.7 s of start-up

    tb = traceback.extract_tb(error.__traceback__)
    return {
        "success": False,
        "error_type": type(error).__name__,
        "message": str(error),
        "retryable": not isinstance(error, PermanentError),
        "retry_after_seconds": getattr(error, "retry_after", None),
        "error_code": getattr(error, "error_code", None),
        "metadata": getattr(error, "metadata", None),
        "backtrace": ["%s:%d in %s" % (f.filename, f.lineno, f.name) for f in tb if f.filename != "tasker_core.py"][-30:],
    }


def _answer(value):
    if isinstance(value, StepHandlerResult):
        if not value.is_success:
            return {"success": False, "error_type": value.error_type, "message": value.message,
                    "retryable": value.retryable is not False, "error_code": value.error_code,
                    "metadata": _to_json(value.metadata, "metadata"), "backtrace": []}
        return {"success": True, "result": _to_json(value.result, "result"),
                "metadata": _to_json(value.metadata, "metadata")}
    return {"success": True, "result": _to_json(value, "result"), "metadata": None}


_NONE = type(None)


def _from_host(value):
    """The host's maps, lists, big integers and nulls as Python's own (strings, small numbers and booleans arrive so)."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or kind is _NONE:  # a host null "is None" too
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


def _tasker_invoke(name, payload):
    try:
        target = _registry.get(name)
        if target is None:
            raise PermanentError("no Python handler is registered as '%s'" % name)
        context = StepContext(_from_host(payload))
        if isinstance(target, type):
            handler = target()
            if hasattr(handler, "call"):
                value = handler.call(context)
            elif hasattr(handler, "process"):
                output = handler.process(context)
                value = handler.process_results(output) if hasattr(handler, "process_results") else output
            else:
                raise PermanentError("handler '%s' has neither call(context) nor process(context)" % name)
        else:
            value = target(context)
        return json.dumps(_answer(value))
    except Exception as error:
        return json.dumps(_describe(error), default=str)
