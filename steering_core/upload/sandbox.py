"""The child process that reads one untrusted file: ``python -m steering_core.upload.sandbox``.

Stdin: one JSON line (file name, reader, limits), then the file's bytes.
Stdout: a pickle of ``("ok", plain RawFile)`` or ``("error", code, values)``,
read by :func:`steering_core.upload.reading.read_isolated` with an unpickler
that accepts dates and nothing else. The address space is limited before the
file is touched, so a reader that tries to allocate too much fails here (an
abort, or MemoryError), never in the app.
"""
from __future__ import annotations

import json
import math
import pickle
import sys

try:
    import resource
except ImportError:  # pragma: no cover - not a POSIX system: the parent's timeout still holds
    resource = None


def _limit(memory_bytes: int, seconds: float) -> None:
    if resource is None:
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    cpu = max(1, math.ceil(seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def main() -> int:
    header = sys.stdin.buffer.readline()
    data = sys.stdin.buffer.read()
    request = json.loads(header)
    from steering_core.upload.reading import Limits, ReadError, read_bytes, to_plain

    limits = Limits(**request["limits"])
    _limit(limits.memory_bytes, limits.read_seconds)
    try:
        outcome = ("ok", to_plain(read_bytes(request["name"], data, engine=request["engine"], limits=limits)))
    except ReadError as exc:
        outcome = ("error", exc.code, {k: v if isinstance(v, (int, str)) else str(v) for k, v in exc.values.items()})
    except MemoryError:
        outcome = ("error", "upload.err.reader_memory", {})
    pickler = pickle.Pickler(sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: a third faster for a sheet of plain cells, which share nothing but text
    pickler.dump(outcome)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
