# tasker_core.step_handler.functional: handlers as decorated functions. A decorator returns the function with
# `_handler_class`, the StepHandler subclass the worker runs, registered under the decorator's name.
from tasker_core.batch_processing import Batchable
from tasker_core.errors import PermanentError, RetryableError, TaskerError
from tasker_core.step_handler import APIMixin, DecisionMixin, StepHandler
from tasker_core.types import DecisionPointOutcome, DecisionType, ErrorType, StepHandlerResult

_CO_COROUTINE = 0x80


class Decision:
    """What a @decision_handler function returns: Decision.route(steps, **routing_context) or Decision.skip(reason)."""

    def __init__(self, outcome):
        self.outcome = outcome

    @staticmethod
    def route(steps, **routing_context):
        return Decision(DecisionPointOutcome.create_steps(step_names=list(steps), routing_context=routing_context or {}))

    @staticmethod
    def skip(reason, **routing_context):
        return Decision(DecisionPointOutcome.no_branches(reason=reason, routing_context=routing_context or {}))


class BatchConfig:
    """What a @batch_analyzer function returns: how many items, in batches of what size."""

    def __init__(self, total_items, batch_size, metadata=None):
        self.total_items = total_items
        self.batch_size = batch_size
        self.metadata = metadata if metadata is not None else {}


def _wrap_result(value):
    if isinstance(value, StepHandlerResult):
        return value
    if isinstance(value, dict):
        return StepHandlerResult.success(value)
    if hasattr(value, "model_dump"):
        return StepHandlerResult.success(value.model_dump(mode="json"))
    if value is None:
        return StepHandlerResult.success({})
    return StepHandlerResult.success({"result": value})


def _wrap_exception(error):
    if isinstance(error, PermanentError):
        return StepHandlerResult.failure(str(error), ErrorType.PERMANENT_ERROR, False, error.metadata or {},
                                         error.error_code)
    if isinstance(error, RetryableError):
        result = StepHandlerResult.failure(str(error), ErrorType.RETRYABLE_ERROR, True, error.metadata or {},
                                           error.error_code)
        result._retry_after = error.retry_after
        return result
    if isinstance(error, TaskerError):
        return StepHandlerResult.failure(str(error), ErrorType.HANDLER_ERROR, error.retryable is not False,
                                         error.metadata or {})
    import traceback
    return StepHandlerResult.failure(str(error), ErrorType.HANDLER_ERROR, True,
                                     {"exception_type": type(error).__name__, "traceback": traceback.format_exc()})


def _parameters(fn):
    code = getattr(getattr(fn, "__wrapped__", fn), "__code__", None)
    if code is None:
        return ()
    return code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]


def _inject(fn, context, extra=None):
    kwargs = {}
    models = getattr(fn, "_dep_models", {})
    for param, step in getattr(fn, "_depends_on", {}).items():
        raw = context.get_dependency_result(step)
        model = models.get(param)
        kwargs[param] = model.model_validate(raw) if model is not None and isinstance(raw, dict) else raw
    input_model = getattr(fn, "_input_model", None)
    if input_model is not None:
        kwargs["inputs"] = input_model(**{f: context.get_input(f) for f in input_model.model_fields})
    else:
        for key in getattr(fn, "_inputs", []):
            kwargs[key] = context.get_input(key)
    params = _parameters(fn)
    for key in [k for k in kwargs if k not in params and "_" + k in params]:
        kwargs["_" + key] = kwargs.pop(key)  # a parameter named _key marks an injected value the function ignores
    if "context" in params:
        kwargs["context"] = context
    elif "_context" in params:
        kwargs["_context"] = context
    if extra:
        kwargs.update(extra)
    return kwargs


def _handler_class(fn, name, version, bases, transform, extra=None):
    """A StepHandler subclass that calls fn with its injected arguments (awaiting it when it is async)."""
    is_async = bool(getattr(getattr(fn, "__wrapped__", fn), "__code__", None)
                    and fn.__code__.co_flags & _CO_COROUTINE)

    def arguments(self, context):
        return _inject(fn, context, extra(self, context) if extra else None)

    if is_async:
        async def call(self, context):
            try:
                return transform(self, await fn(**arguments(self, context)))
            except Exception as error:
                return _wrap_exception(error)
    else:
        def call(self, context):
            try:
                return transform(self, fn(**arguments(self, context)))
            except Exception as error:
                return _wrap_exception(error)

    cls = type(getattr(fn, "__name__", "FunctionalHandler"), bases,
               {"handler_name": name, "handler_version": version, "call": call, "__doc__": fn.__doc__,
                "__module__": getattr(fn, "__module__", __name__), "_functional": fn})
    cls.__qualname__ = getattr(fn, "__qualname__", cls.__name__)
    return cls


def _decorator(name, version, bases, transform, extra=None, attributes=None):
    def decorate(fn):
        cls = _handler_class(fn, name, version, bases, transform, extra)
        for key, value in (attributes or {}).items():
            setattr(cls, key, value)
        fn._handler_class = cls
        return fn
    return decorate


def step_handler(name, version="1.0.0"):
    return _decorator(name, version, (StepHandler,), lambda self, value: _wrap_result(value))


def _decision_result(self, value):
    if isinstance(value, StepHandlerResult):
        return value
    if isinstance(value, Decision):
        outcome = value.outcome
        if outcome.decision_type == DecisionType.CREATE_STEPS:
            return self.decision_success(outcome.next_step_names, routing_context=outcome.routing_context)
        return self.skip_branches(reason=outcome.reason or "No branches", routing_context=outcome.routing_context)
    return _wrap_result(value)


def decision_handler(name, version="1.0.0"):
    return _decorator(name, version, (DecisionMixin, StepHandler), _decision_result)


def batch_analyzer(name, worker_template, version="1.0.0"):
    def transform(self, value):
        if isinstance(value, BatchConfig):
            outcome = self.create_batch_outcome(total_items=value.total_items, batch_size=value.batch_size,
                                                batch_metadata=value.metadata or {})
            return self.batch_analyzer_success(outcome, worker_template_name=worker_template)
        return _wrap_result(value)
    return _decorator(name, version, (Batchable, StepHandler), transform)


def batch_worker(name, version="1.0.0"):
    return _decorator(name, version, (Batchable, StepHandler), lambda self, value: _wrap_result(value),
                      extra=lambda self, context: {"batch_context": self.get_batch_context(context)})


def api_handler(name, base_url, version="1.0.0", timeout=30.0, default_headers=None):
    return _decorator(name, version, (APIMixin, StepHandler), lambda self, value: _wrap_result(value),
                      extra=lambda self, context: {"api": self},
                      attributes={"base_url": base_url, "default_timeout": timeout,
                                  "default_headers": default_headers or {}})


def depends_on(**deps):
    def decorate(fn):
        dep_map = dict(getattr(fn, "_depends_on", {}))
        models = dict(getattr(fn, "_dep_models", {}))
        for param, value in deps.items():
            if isinstance(value, tuple) and len(value) == 2:
                dep_map[param], models[param] = value
            else:
                dep_map[param] = value
        fn._depends_on = dep_map
        fn._dep_models = models
        return fn
    return decorate


def inputs(*keys):
    def decorate(fn):
        if len(keys) == 1 and isinstance(keys[0], type) and hasattr(keys[0], "model_fields"):
            fn._input_model = keys[0]
        else:
            fn._inputs = list(getattr(fn, "_inputs", [])) + list(keys)
        return fn
    return decorate


__all__ = ["BatchConfig", "Decision", "api_handler", "batch_analyzer", "batch_worker", "decision_handler",
           "depends_on", "inputs", "step_handler"]
