"""Each probe tries something a handler may not do; the handler reports what happened instead of failing."""
import os

from tasker_core import StepHandler

HERE = os.path.dirname(__file__)


def _socket(port):
    import socket
    return socket.create_connection(("127.0.0.1", port), timeout=2)


def _subprocess():
    import subprocess
    return subprocess.run(["true"])


def _native():
    import ctypes
    return ctypes.CDLL(None)


PROBES = {
    "write_file": lambda port: open("/tmp/tasker-sandbox-python.txt", "w").write("x"),
    "read_outside": lambda port: open("/etc/passwd").read(),
    "read_through_link": lambda port: open(os.path.join(HERE, "passwd_link")).read(),
    "list_outside": lambda port: os.listdir("/"),
    "read_inside": lambda port: open(os.path.join(HERE, "data.txt")).read(),
    "environment": lambda port: os.environ["PATH"],
    "start_process": lambda port: os.system("true"),
    "backticks": lambda port: _subprocess(),
    "open_socket": _socket,
    "host_class": lambda port: __import__("java").type("java.lang.System"),
    "native_call": lambda port: _native(),
    "socket_object": lambda port: __import__("socket").socket().connect(("127.0.0.1", port)),
    "select": lambda port: __import__("select").select([], [], [], 0),
    "thread": lambda port: __import__("threading").Thread(target=print).start(),
}


class SandboxProbe(StepHandler):
    def call(self, context):
        probe = context.get_input("probe")
        try:
            value = PROBES[probe](context.get_input("port"))
            return {"refused": False, "value": str(value)[:200]}
        except BaseException as e:  # a refusal of any kind is what the test looks for
            return {"refused": True, "error": f"{type(e).__name__}: {e}"}
