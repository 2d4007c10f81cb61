"""End-to-end tests: a real server process, CLI subprocesses, the browser."""
