"""Starting a long task once the request's transaction commits, without holding the request.

With a broker (`CELERY_BROKER_URL`) this is `task.delay_on_commit`: a worker takes the task and
the request returns at once. With the embedded defaults (`make run`: no broker, so
`CELERY_TASK_ALWAYS_EAGER`) Celery would run the task inside the request as it commits, and a
task of minutes (bringing an organisation's figures up to date) would hold the browser for all
that time. In that case only, the task is run in a thread of this process after the commit, with
its own database connection, which it closes when it ends.

Such a thread dies with its process and nothing retries it, so use this only for a task whose
record of progress lets a lost run be seen and given up, and asked for again (as snapshot runs
are: leadership.snapshots.services). Everything else keeps `delay_on_commit`.
"""

import logging
import threading

from celery import current_app
from django.db import close_old_connections, connections, transaction

logger = logging.getLogger(__name__)

_threads = set()
_lock = threading.Lock()


def start_on_commit(task, *args, **kwargs):
    """Start `task(*args, **kwargs)` after the current transaction commits: on the broker, or
    (no broker) in a background thread of this process."""
    if not current_app.conf.task_always_eager:
        task.delay_on_commit(*args, **kwargs)
        return
    transaction.on_commit(lambda: _start_thread(task, args, kwargs))


def _start_thread(task, args, kwargs):
    thread = threading.Thread(
        target=_run, args=(task, args, kwargs), name=f"task-{task.name}", daemon=True
    )
    with _lock:
        _threads.add(thread)
    thread.start()


def _run(task, args, kwargs):
    close_old_connections()
    try:
        task.apply(args=args, kwargs=kwargs)
    except Exception:  # the thread has nobody to raise to; the task records its state
        logger.exception("Background task %s stopped", task.name)
    finally:
        connections.close_all()
        with _lock:
            _threads.discard(threading.current_thread())


def wait_for_background_tasks(timeout=30):
    """Wait for the threads started here to end (tests, and a clean shutdown). Returns True
    when none is left running."""
    with _lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)
