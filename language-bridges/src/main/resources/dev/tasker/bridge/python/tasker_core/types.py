# tasker_core.types: results, error types, the step context and the decision/batch value objects.
from enum import Enum

from tasker_core.errors import PermanentError


class ErrorType(str, Enum):
    PERMANENT_ERROR = "permanent_error"
    RETRYABLE_ERROR = "retryable_error"
    VALIDATION_ERROR = "validation_error"
    TIMEOUT = "timeout"
    HANDLER_ERROR = "handler_error"

    def __str__(self):
        return self.value

    @classmethod
    def is_standard(cls, value):
        return str(value) in {e.value for e in cls}

    @classmethod
    def is_typically_retryable(cls, value):
        return str(value) in (cls.RETRYABLE_ERROR.value, cls.TIMEOUT.value, cls.HANDLER_ERROR.value)


class StepHandlerResult:
    """What a handler returns: success with a result, or failure with a message, an error type and whether to retry."""

    def __init__(self, is_success=True, result=None, error_message=None, error_type=None, error_code=None,
                 retryable=True, metadata=None, **aliases):
        if "success" in aliases:
            is_success = aliases.pop("success")
        if aliases:
            raise TypeError("StepHandlerResult got unexpected arguments: %s" % ", ".join(sorted(aliases)))
        self.is_success = bool(is_success)
        self.result = result
        self.error_message = error_message
        self.error_type = None if error_type is None else str(error_type)
        self.error_code = error_code
        self.retryable = retryable
        self.metadata = metadata if metadata is not None else {}

    @property
    def message(self):
        return self.error_message

    @classmethod
    def success(cls, result=None, metadata=None):
        return cls(True, result=result, metadata=metadata)

    @classmethod
    def failure(cls, message, error_type=ErrorType.HANDLER_ERROR, retryable=True, metadata=None, error_code=None):
        return cls(False, error_message=message, error_type=error_type, retryable=retryable, metadata=metadata,
                   error_code=error_code)

    def is_success_result(self):
        return self.is_success

    def is_failure_result(self):
        return not self.is_success

    def __repr__(self):
        if self.is_success:
            return "StepHandlerResult(success, result=%r)" % (self.result,)
        return "StepHandlerResult(failure, %r, %r)" % (self.error_type, self.error_message)


class DecisionType(str, Enum):
    CREATE_STEPS = "create_steps"
    NO_BRANCHES = "no_branches"


class DecisionPointOutcome:
    def __init__(self, decision_type, next_step_names=None, dynamic_steps=None, reason=None, routing_context=None):
        self.decision_type = DecisionType(decision_type)
        self.next_step_names = list(next_step_names or [])
        self.dynamic_steps = dynamic_steps
        self.reason = reason
        self.routing_context = routing_context or {}

    @classmethod
    def create_steps(cls, step_names, dynamic_steps=None, routing_context=None):
        if not step_names:
            raise PermanentError("a decision that creates steps needs at least one step name",
                                 error_code="INVALID_DECISION_OUTCOME")
        return cls(DecisionType.CREATE_STEPS, step_names, dynamic_steps, None, routing_context)

    @classmethod
    def no_branches(cls, reason, routing_context=None):
        return cls(DecisionType.NO_BRANCHES, [], None, reason, routing_context)

    def to_dict(self):
        if self.decision_type == DecisionType.NO_BRANCHES:
            return {"type": "no_branches"}
        return {"type": "create_steps", "step_names": self.next_step_names}


class _Record:
    """A plain value object with attributes, dict() and model_dump() (Tasker's are pydantic models)."""

    _fields = ()

    def __init__(self, **values):
        for name in self._fields:
            setattr(self, name, values.get(name, self._default(name)))

    def _default(self, name):
        return None

    def model_dump(self, mode=None):
        out = {}
        for name in self._fields:
            value = getattr(self, name)
            out[name] = value.model_dump() if isinstance(value, _Record) else \
                [v.model_dump() if isinstance(v, _Record) else v for v in value] if isinstance(value, list) else value
        return out

    to_dict = model_dump

    def __getitem__(self, key):
        return getattr(self, key)

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join("%s=%r" % (f, getattr(self, f)) for f in self._fields))


class CursorConfig(_Record):
    _fields = ("start_cursor", "end_cursor", "step_size", "metadata")

    def _default(self, name):
        return {"step_size": 1, "metadata": {}}.get(name, 0)


class RustCursorConfig(_Record):
    _fields = ("batch_id", "start_cursor", "end_cursor", "batch_size")


class BatchMetadata(_Record):
    _fields = ("cursor_field", "failure_strategy", "checkpoint_interval")


class RustBatchWorkerInputs(_Record):
    """A batch worker's inputs as the engine gives them: cursor, batch_metadata, is_no_op."""

    _fields = ("cursor", "batch_metadata", "is_no_op")

    @classmethod
    def model_validate(cls, data):
        if not isinstance(data, dict) or not isinstance(data.get("cursor"), dict):
            raise ValueError("not a batch worker's inputs (no cursor)")
        cursor = data["cursor"]
        meta = data.get("batch_metadata") or {}
        return cls(cursor=RustCursorConfig(**{k: cursor.get(k) for k in RustCursorConfig._fields}),
                   batch_metadata=BatchMetadata(**{k: meta.get(k) for k in BatchMetadata._fields}),
                   is_no_op=bool(data.get("is_no_op", False)))


class BatchAnalyzerOutcome(_Record):
    _fields = ("cursor_configs", "total_items", "batch_metadata")

    @classmethod
    def from_ranges(cls, ranges, step_size=1, total_items=None, batch_metadata=None):
        configs = [CursorConfig(start_cursor=s, end_cursor=e, step_size=step_size) for s, e in ranges]
        total = total_items if total_items is not None else sum(e - s for s, e in ranges)
        return cls(cursor_configs=configs, total_items=total, batch_metadata=batch_metadata or {})


class BatchWorkerOutcome(_Record):
    _fields = ("items_processed", "items_succeeded", "items_failed", "items_skipped", "results", "errors",
               "last_cursor", "batch_metadata")


class BatchWorkerContext(_Record):
    """A batch worker's cursor range and its checkpoint (from an earlier attempt or yield)."""

    _fields = ("batch_id", "cursor_config", "batch_index", "total_batches", "batch_metadata", "checkpoint")

    @property
    def start_cursor(self):
        return self.cursor_config.start_cursor

    @property
    def end_cursor(self):
        return self.cursor_config.end_cursor

    @property
    def step_size(self):
        return self.cursor_config.step_size

    @property
    def checkpoint_cursor(self):
        return (self.checkpoint or {}).get("cursor")

    @property
    def accumulated_results(self):
        return (self.checkpoint or {}).get("accumulated_results")

    @property
    def checkpoint_items_processed(self):
        return int((self.checkpoint or {}).get("items_processed", 0) or 0)

    def has_checkpoint(self):
        return bool(self.checkpoint and self.checkpoint.get("cursor") is not None)

    @classmethod
    def from_step_context(cls, context):
        checkpoint = context.checkpoint or {}
        inputs = context.step_inputs or {}
        if "cursor" in inputs:
            cursor = inputs.get("cursor") or {}
            config = CursorConfig(start_cursor=cursor.get("start_cursor", 0), end_cursor=cursor.get("end_cursor", 0),
                                  step_size=cursor.get("step_size", cursor.get("batch_size", 1)),
                                  metadata=cursor.get("metadata", {}))
            return cls(batch_id=cursor.get("batch_id", ""), cursor_config=config, batch_index=0, total_batches=1,
                       batch_metadata=inputs.get("batch_metadata", {}), checkpoint=checkpoint)
        data = context.step_config.get("batch_context") or context.input_data.get("batch_context")
        if data is None:
            return None
        cursor = data.get("cursor_config", {})
        config = CursorConfig(start_cursor=cursor.get("start_cursor", 0), end_cursor=cursor.get("end_cursor", 0),
                              step_size=cursor.get("step_size", 1), metadata=cursor.get("metadata", {}))
        return cls(batch_id=data.get("batch_id", ""), cursor_config=config, batch_index=data.get("batch_index", 0),
                   total_batches=data.get("total_batches", 1), batch_metadata=data.get("batch_metadata", {}),
                   checkpoint=checkpoint)


def create_batches(worker_template_name, worker_count, cursor_configs, total_items):
    return {"type": "create_batches", "worker_template_name": worker_template_name, "worker_count": worker_count,
            "cursor_configs": [c.model_dump() if isinstance(c, _Record) else c for c in cursor_configs],
            "total_items": total_items}


def no_batches():
    return {"type": "no_batches"}


class _Namespace:
    """Attribute access over a dict, recursively (Tasker's wrapper dataclasses over the step's data)."""

    def __init__(self, data):
        self._data = data or {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._data.get(name)
        return _Namespace(value) if isinstance(value, dict) and name not in ("context", "inputs", "results",
                                                                            "checkpoint", "initialization") else value

    def to_dict(self):
        return self._data


class StepContext:
    """What a handler sees of its task and step. ``input_data`` is the task's context; ``step_inputs`` the step's own
    inputs (a batch worker's cursor); ``dependency_results`` maps every completed ancestor to its result envelope."""

    def __init__(self, payload):
        self._payload = payload
        self.task_uuid = payload.get("task_uuid")
        self.step_uuid = payload.get("step_uuid")
        self.correlation_id = payload.get("correlation_id") or self.task_uuid
        self.handler_name = payload.get("handler_name")
        self.step_name = payload.get("step_name")
        self.namespace_name = payload.get("namespace_name")
        self.input_data = payload.get("input_data") or {}
        self.step_inputs = payload.get("step_inputs") or {}
        self.step_config = payload.get("step_config") or {}
        self.retry_count = payload.get("retry_count") or 0
        self.max_retries = payload.get("max_retries") or 3
        self._checkpoint = payload.get("checkpoint")
        self._dependency_results = None
        self._event = None

    @property
    def dependency_results(self):
        if self._dependency_results is None:
            self._dependency_results = {name: _envelope(result)
                                        for name, result in (self._payload.get("dependency_results") or {}).items()}
        return self._dependency_results

    @property
    def event(self):
        if self._event is None:
            self._event = _Namespace({"event_id": self.step_uuid, "task_uuid": self.task_uuid,
                                      "step_uuid": self.step_uuid, "correlation_id": self.correlation_id,
                                      "task_sequence_step": self.task_sequence_step_data()})
        return self._event

    def task_sequence_step_data(self):
        """The step as Tasker's worker receives it: task, workflow_step, dependency_results, step_definition."""
        p = self._payload
        return {
            "task": {"task": {"task_uuid": self.task_uuid, "context": self.input_data,
                              "correlation_id": self.correlation_id},
                     "task_name": p.get("task_name"), "task_version": p.get("task_version"),
                     "namespace_name": self.namespace_name},
            "workflow_step": {"workflow_step_uuid": self.step_uuid, "task_uuid": self.task_uuid,
                              "name": self.step_name, "attempts": self.retry_count, "max_attempts": self.max_retries,
                              "inputs": self.step_inputs, "checkpoint": self.checkpoint},
            "dependency_results": self.dependency_results,
            "step_definition": p.get("step_definition") or {},
        }

    @property
    def task_sequence_step(self):
        return _Namespace(self.task_sequence_step_data())

    def get_input(self, key):
        return self.input_data.get(key)

    def get_input_or(self, key, default=None):
        value = self.input_data.get(key)
        return default if value is None else value

    def get_config(self, key):
        return self.step_config.get(key)

    def get_dependency_result(self, step_name):
        entry = self.dependency_results.get(step_name)
        if isinstance(entry, dict) and "result" in entry:
            return entry["result"]
        return entry

    def get_dependency_field(self, step_name, *path):
        value = self.get_dependency_result(step_name)
        for key in path:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and -len(value) <= key < len(value):
                value = value[key]
            else:
                return None
        return value

    def get_dependency_result_keys(self):
        return list(self.dependency_results.keys())

    def get_all_dependency_results(self, prefix):
        return [r for r in (self.get_dependency_result(k) for k in self.dependency_results if k.startswith(prefix))
                if r is not None]

    def get_batch_results(self, worker_template):
        """A convergence step's view of a batch: the results of {worker_template}_001, _002, ... in order."""
        prefix = worker_template + "_"
        names = sorted(k for k in self.dependency_results if k.startswith(prefix) and k[len(prefix):].isdigit())
        return [self.get_dependency_result(k) for k in names]

    def is_retry(self):
        return self.retry_count > 0

    def is_last_retry(self):
        return self.retry_count >= self.max_retries - 1

    @property
    def checkpoint(self):
        return self._checkpoint if isinstance(self._checkpoint, dict) else None

    @property
    def checkpoint_cursor(self):
        return (self.checkpoint or {}).get("cursor")

    @property
    def checkpoint_items_processed(self):
        return (self.checkpoint or {}).get("items_processed", 0)

    @property
    def accumulated_results(self):
        return (self.checkpoint or {}).get("accumulated_results")

    def has_checkpoint(self):
        return self.checkpoint_cursor is not None

    def checkpoint_yield(self, cursor, items_processed, accumulated_results=None):
        """Saves progress now and goes on running; a retry of this step starts from it (see Batchable.checkpoint_yield
        for Tasker's form, which returns and runs the step again from the checkpoint)."""
        from tasker_core import _host
        self._checkpoint = _host.save_checkpoint(cursor, items_processed, accumulated_results)


def _envelope(result):
    """A completed ancestor's entry in dependency_results, in Tasker's shape."""
    return {"result": result, "success": True, "status": "completed", "metadata": {}}
