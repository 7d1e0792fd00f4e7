"""`python -m insights`: validate the environment, then serve with uvicorn."""

import logging
import sys

from insights.settings import SettingsError, load_settings


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"insights: {error}", file=sys.stderr)
        return 1
    # The service's own lines (insights.trace) beside uvicorn's: one line each, to stderr.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s %(message)s"))
    logging.getLogger("insights").addHandler(handler)
    logging.getLogger("insights").setLevel(logging.INFO)
    # Imported only now: scikit-learn takes seconds to load, and a refusal to start should not wait for it.
    import uvicorn

    from insights.api import create_app

    # The access log records method, path and status only: no headers (the token) and no bodies.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
