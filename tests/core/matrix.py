from tests.matrix import LOGGED_IN, PUBLIC, ViewCase

CASES = [
    ViewCase("core:home", PUBLIC),
    ViewCase("core:accessibility", PUBLIC),
    ViewCase("core:privacy", PUBLIC),
    ViewCase("core:dashboard", LOGGED_IN),
]
