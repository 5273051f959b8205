import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What loading Django and the project made (about 200,000 objects: modules, classes, settings, translations) lives as
# long as the process. Frozen out of the cyclic garbage collector's reach, a full collection no longer walks them (a
# pause of tens of milliseconds in the middle of some request, every few hundred requests), and workers forked from a
# preloading master (gunicorn --preload) keep sharing those memory pages. Garbage left from loading goes first.
gc.collect()
gc.freeze()
