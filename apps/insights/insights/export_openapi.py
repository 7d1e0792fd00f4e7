"""`python -m insights.export_openapi`: write the OpenAPI document to generated/openapi.json.

Keys sorted and indented, so a change to the contract is a readable diff."""

import json
from pathlib import Path
from typing import Any, Dict

from insights.api import create_app
from insights.settings import Settings

DOCUMENT = Path(__file__).resolve().parent.parent / "generated" / "openapi.json"


def openapi_document() -> Dict[str, Any]:
    # The document does not depend on configuration; any settings describe the same contract.
    return create_app(Settings(host="127.0.0.1", port=8000, service_token=None)).openapi()


def main() -> None:
    DOCUMENT.write_text(json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {DOCUMENT}")


if __name__ == "__main__":
    main()
