# tasker_core (alias tasker): Tasker's handler API for Python handlers. Its submodules are those of Tasker's package
# that handlers import: errors, types, step_handler(.functional), batch_processing.
from tasker_core.errors import (AuthenticationError, AuthorizationError, BusinessLogicError, ConfigurationError,
                                ErrorClassifier, FFIError, NetworkError, NotFoundError, PermanentError, RateLimitError,
                                ResourceContentionError, RetryableError, ServiceUnavailableError, StepTimeoutError,
                                StepValidationError, TaskerError)
from tasker_core.types import (BatchAnalyzerOutcome, BatchWorkerContext, BatchWorkerOutcome, CursorConfig, DecisionPointOutcome,
                               DecisionType, ErrorType, StepContext, StepHandlerResult)
from tasker_core.step_handler import ApiHandler, BatchableHandler, DecisionHandler, StepHandler
from tasker_core.batch_processing import Batchable, BatchAggregationScenario, BatchWorkerConfig
from tasker_core.step_handler.functional import (BatchConfig, Decision, api_handler, batch_analyzer, batch_worker,
                                                 decision_handler, depends_on, inputs)
from tasker_core._log import log_debug, log_error, log_info, log_trace, log_warn, logger
from tasker_core import _host

__version__ = "0.1.0"


class _DecoratorModule(type(_host)):
    """tasker_core.step_handler is the package of the base classes and, called, the @step_handler decorator (so that
    `from tasker_core import step_handler` gives the decorator while `tasker_core.step_handler.functional` stays a
    module path)."""

    def __call__(self, name, version="1.0.0"):
        from tasker_core.step_handler.functional import step_handler as decorator
        return decorator(name, version)


import sys as _sys

_sys.modules["tasker_core.step_handler"].__class__ = _DecoratorModule


def is_retryable(error):
    return ErrorClassifier.is_retryable(error)


def is_permanent(error):
    return not ErrorClassifier.is_retryable(error)


class HandlerRegistry:
    """Registers handler classes under names (templates' callables) beside those found in the handler folders."""

    _instance = None

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def register(self, name, handler_class):
        _host.register(name, handler_class)

    def is_registered(self, name):
        return name in _host._registry

    def resolve(self, name):
        cls = _host._registry.get(name)
        return cls() if isinstance(cls, type) else cls

    get_handler_class = lambda self, name: _host._registry.get(name)

    def list_handlers(self):
        return list(_host._registry)

    def handler_count(self):
        return len(_host._registry)
