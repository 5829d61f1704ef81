# tasker_core.errors: the exceptions a handler raises. A RetryableError (or any exception not a PermanentError)
# retries the step with backoff; a PermanentError fails it at once.


class TaskerError(Exception):
    retryable_by_default = None

    def __init__(self, message="", *, retryable=None, metadata=None, error_code=None, retry_after=None, context=None):
        super().__init__(message)
        self.message = message
        self.retryable = self.retryable_by_default if retryable is None else retryable
        self.error_code = error_code
        self.retry_after = retry_after
        self.context = context or {}
        self.metadata = dict(metadata or {})
        if error_code is not None:
            self.metadata["error_code"] = error_code
        if retry_after is not None:
            self.metadata["retry_after"] = retry_after
        self.metadata.update(self.context)

    def to_dict(self):
        return {"error_type": type(self).__name__, "message": self.message, "retryable": self.retryable,
                "error_code": self.error_code, "retry_after": self.retry_after, "metadata": self.metadata}


class RetryableError(TaskerError):
    retryable_by_default = True


class PermanentError(TaskerError):
    retryable_by_default = False


class TimeoutError(RetryableError):
    pass


class NetworkError(RetryableError):
    pass


class RateLimitError(RetryableError):
    pass


class ServiceUnavailableError(RetryableError):
    pass


class ResourceContentionError(RetryableError):
    pass


class ValidationError(PermanentError):
    def __init__(self, message="", *, field=None, **kwargs):
        super().__init__(message, **kwargs)
        self.field = field


class NotFoundError(PermanentError):
    pass


class AuthenticationError(PermanentError):
    pass


class AuthorizationError(PermanentError):
    pass


class ConfigurationError(PermanentError):
    pass


class BusinessLogicError(PermanentError):
    pass


class FFIError(TaskerError):
    pass


class ErrorClassifier:
    """Whether an exception should retry its step: Tasker's rule, everything but a PermanentError does."""

    @staticmethod
    def is_retryable(error):
        if isinstance(error, TaskerError) and error.retryable is not None:
            return error.retryable
        return not isinstance(error, PermanentError)


StepTimeoutError = TimeoutError
StepValidationError = ValidationError
