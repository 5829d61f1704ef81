# Writes to the host's log, tagged with the task and step being run (tasker_core.log_info etc. and handler.logger).
import sys

_host_log = sys.modules["tasker_core"].__dict__["_tasker_log"]


def _format(message, fields):
    if not fields:
        return str(message)
    return "%s %s" % (message, " ".join("%s=%s" % (k, v) for k, v in fields.items()))


def log_trace(message, fields=None):
    _host_log("debug", _format(message, fields))


def log_debug(message, fields=None):
    _host_log("debug", _format(message, fields))


def log_info(message, fields=None):
    _host_log("info", _format(message, fields))


def log_warn(message, fields=None):
    _host_log("warn", _format(message, fields))


def log_error(message, fields=None):
    _host_log("error", _format(message, fields))


class _Logger:
    def debug(self, message, *args, **_kwargs):
        _host_log("debug", str(message) % args if args else str(message))

    def info(self, message, *args, **_kwargs):
        _host_log("info", str(message) % args if args else str(message))

    def warning(self, message, *args, **_kwargs):
        _host_log("warn", str(message) % args if args else str(message))

    warn = warning

    def error(self, message, *args, **_kwargs):
        _host_log("error", str(message) % args if args else str(message))

    exception = error


logger = _Logger()
