# tasker_core.step_handler: the handler base classes (Tasker's step_handler.base, .decision, .api and .mixins).
from tasker_core.errors import PermanentError, RetryableError
from tasker_core.types import DecisionPointOutcome, ErrorType, StepHandlerResult
from tasker_core import _log


class StepHandler:
    """A step handler: ``call(context)`` returns a StepHandlerResult (or a plain value, taken as success).
    ``handler_name`` is the name templates call it by."""

    handler_name = ""
    handler_version = "1.0.0"
    logger = _log.logger

    @property
    def name(self):
        return self.handler_name or type(self).__name__

    @property
    def version(self):
        return self.handler_version

    @property
    def capabilities(self):
        return ["process"]

    def config_schema(self):
        return None

    def call(self, context):
        raise NotImplementedError("%s must implement call(context)" % type(self).__name__)

    def success(self, result=None, metadata=None):
        return StepHandlerResult.success(result, metadata)

    def failure(self, message, error_type=ErrorType.HANDLER_ERROR, retryable=True, metadata=None, error_code=None):
        return StepHandlerResult.failure(message, error_type, retryable, metadata, error_code)

    def start_sub_workflow(self, namespace, name, context=None, version=None):
        """Starts a child task of a registered template; this step completes with the child's result when it ends."""
        request = {"namespace": namespace, "name": name, "context": context or {}}
        if version:
            request["version"] = version
        return self.success({"sub_workflow": request})


class DecisionMixin:
    @property
    def decision_capabilities(self):
        return ["decision", "routing"]

    def _decision_metadata(self, metadata):
        combined = dict(metadata or {})
        combined["decision_handler"] = self.name
        combined["decision_version"] = self.version
        return combined

    def decision_success(self, steps, routing_context=None, metadata=None):
        return self.decision_success_with_outcome(DecisionPointOutcome.create_steps(list(steps),
                                                                                    routing_context=routing_context),
                                                  metadata=metadata)

    def decision_success_with_outcome(self, outcome, metadata=None):
        result = {"decision_point_outcome": {"type": outcome.decision_type.value, "step_names": outcome.next_step_names}}
        if outcome.dynamic_steps:
            result["dynamic_steps"] = outcome.dynamic_steps
        if outcome.routing_context:
            result["routing_context"] = outcome.routing_context
        return self.success(result, metadata=self._decision_metadata(metadata))

    def decision_no_branches(self, outcome, metadata=None):
        result = {"decision_point_outcome": {"type": outcome.decision_type.value}, "reason": outcome.reason}
        if outcome.routing_context:
            result["routing_context"] = outcome.routing_context
        return self.success(result, metadata=self._decision_metadata(metadata))

    def route_to_steps(self, step_names, routing_context=None, metadata=None):
        return self.decision_success(step_names, routing_context, metadata)

    def skip_branches(self, reason=None, routing_context=None, metadata=None):
        return self.decision_no_branches(DecisionPointOutcome.no_branches(reason, routing_context), metadata=metadata)

    def decision_failure(self, message, error_type="decision_error", retryable=False, metadata=None):
        return self.failure(message=message, error_type=error_type, retryable=retryable,
                            metadata=self._decision_metadata(metadata))


class DecisionHandler(DecisionMixin, StepHandler):
    pass


class APIMixin:
    """Calls HTTP APIs through the host's client. 429 and 5xx raise RetryableError (honouring Retry-After), other 4xx
    PermanentError; refused connections and timeouts are retryable. A response is a dict with status, headers, body."""

    base_url = None
    default_timeout = 30.0
    default_headers = {}

    def _url(self, url):
        if self.base_url and not url.startswith(("http://", "https://")):
            return self.base_url.rstrip("/") + "/" + url.lstrip("/")
        return url

    def get(self, url, headers=None, timeout=None, params=None):
        if params:
            from urllib.parse import urlencode
            url = url + ("&" if "?" in url else "?") + urlencode(params)
        return self._http("GET", url, None, headers, timeout)

    def post(self, url, body=None, headers=None, timeout=None, json=None):
        return self._http("POST", url, json if json is not None else body, headers, timeout)

    def put(self, url, body=None, headers=None, timeout=None, json=None):
        return self._http("PUT", url, json if json is not None else body, headers, timeout)

    def patch(self, url, body=None, headers=None, timeout=None, json=None):
        return self._http("PATCH", url, json if json is not None else body, headers, timeout)

    def delete(self, url, headers=None, timeout=None):
        return self._http("DELETE", url, None, headers, timeout)

    def _http(self, method, url, body, headers, timeout):
        from tasker_core import _host
        merged = dict(self.default_headers or {})
        merged.update(headers or {})
        return _host.http(method, self._url(url), body, merged, timeout or self.default_timeout)

    def api_success(self, data, status=200, metadata=None):
        return self.success(data, metadata=dict(metadata or {}, status_code=status))

    def api_failure(self, message, status=None, retryable=None, metadata=None):
        if retryable is None:
            retryable = status is None or status == 429 or status >= 500
        return self.failure(message, error_type="api_error", retryable=retryable,
                            metadata=dict(metadata or {}, status_code=status))


class ApiHandler(APIMixin, StepHandler):
    pass


class BatchableHandler(StepHandler):
    """This project's batch helpers (Tasker's are the Batchable mixin of tasker_core.batch_processing)."""

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


__all__ = ["StepHandler", "DecisionHandler", "DecisionMixin", "ApiHandler", "APIMixin", "BatchableHandler",
           "PermanentError", "RetryableError"]
