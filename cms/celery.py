import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

# Tasks a worker enqueues itself (the emails a task wrote) go to the queue it is told to use;
# each test worker has a queue of its own.
queue = os.environ.get("CELERY_TASK_DEFAULT_QUEUE")
app = Celery("cms", changes={"task_default_queue": queue} if queue else None)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
