"""The HTTP routes, one module per resource; api/app.py puts them together."""
