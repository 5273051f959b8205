"""Settings for ``make loadtest``: the production settings (INSPRAAK_PRODUCTION on, set by loadtest.run) served over
plain HTTP on 127.0.0.1, so two things differ: cookies are not marked Secure (a client does not send Secure cookies
over http://) and static files are read from the source folders (as for ``make bench``, no collectstatic)."""

from bench.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
