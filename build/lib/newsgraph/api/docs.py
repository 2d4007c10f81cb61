"""The API docs, Swagger UI at /docs and ReDoc at /redoc, with their scripts and styles from the package.

FastAPI's own doc pages load them from a CDN, which leaves the docs blank offline. The
files come from scripts/vendor.sh, which records their versions and hashes in
static/vendor/VERSIONS.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

VENDOR = Path(__file__).parent / "static" / "vendor"
VENDOR_URL = "/static/vendor"
SWAGGER_JS = "swagger-ui-dist/swagger-ui-bundle.js"
SWAGGER_CSS = "swagger-ui-dist/swagger-ui.css"
FAVICON = "swagger-ui-dist/favicon-32x32.png"
REDOC_JS = "redoc/bundles/redoc.standalone.js"


def mount_docs(app: FastAPI, docs_url: str = "/docs", redoc_url: str = "/redoc") -> None:
    """Serve the vendored files at /static/vendor and the two doc pages that load them."""
    openapi_url = app.openapi_url
    if openapi_url is None:
        return  # no schema, nothing to document
    app.mount(VENDOR_URL, StaticFiles(directory=VENDOR), name="vendor")
    oauth2_redirect_url = app.swagger_ui_oauth2_redirect_url

    # Behind a proxy that strips a prefix, every URL the page loads needs it back, as in FastAPI.
    def root(request: Request) -> str:
        return str(request.scope.get("root_path", "")).rstrip("/")

    @app.get(docs_url, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        prefix = root(request)
        return get_swagger_ui_html(
            openapi_url=prefix + openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{prefix}{VENDOR_URL}/{SWAGGER_JS}",
            swagger_css_url=f"{prefix}{VENDOR_URL}/{SWAGGER_CSS}",
            swagger_favicon_url=f"{prefix}{VENDOR_URL}/{FAVICON}",
            oauth2_redirect_url=prefix + oauth2_redirect_url if oauth2_redirect_url else None,
            init_oauth=app.swagger_ui_init_oauth,
            swagger_ui_parameters=app.swagger_ui_parameters,
        )

    if oauth2_redirect_url:

        @app.get(oauth2_redirect_url, include_in_schema=False)
        def swagger_ui_redirect() -> HTMLResponse:
            return get_swagger_ui_oauth2_redirect_html()

    @app.get(redoc_url, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        prefix = root(request)
        return get_redoc_html(
            openapi_url=prefix + openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{prefix}{VENDOR_URL}/{REDOC_JS}",
            redoc_favicon_url=f"{prefix}{VENDOR_URL}/{FAVICON}",
            with_google_fonts=False,
        )
