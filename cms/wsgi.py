import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def frozen_once_warm(app):
    """`app`, with what the process holds for its whole life kept out of Python's garbage
    collector: everything loaded by then is frozen (`gc.freeze`) once the site is loaded, and
    again after the first request, which loads the URLs, templates and Wagtail's site.

    A full collection walks every object the collector tracks. Left to it, a worker walked the
    quarter of a million objects of a loaded site every few requests of a big dashboard's CSV
    (whose cached figures are many short-lived objects), a pause of about 140 ms each time: on
    the benchmark's Board area a quarter of those requests took 200 ms instead of 45. Frozen
    objects are still freed when nothing refers to them; only cycles among them wait for the
    process to end, and those were made once, at start."""
    gc.collect()
    gc.freeze()
    warm = False

    def application(environ, start_response):
        nonlocal warm
        try:
            return app(environ, start_response)
        finally:
            if not warm:
                warm = True
                gc.collect()
                gc.freeze()

    return application


application = frozen_once_warm(get_wsgi_application())
