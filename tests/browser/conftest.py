"""The Playwright fixtures (browser, new_context) live in tests/conftest.py, shared by every test package."""
