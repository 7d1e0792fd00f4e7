import { existsSync, readFileSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { fileURLToPath } from "node:url";
import { REST_BASE_PATH } from "./openapi-document.ts";

const BUNDLE = join("node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js");

/**
 * The docs page: Scalar's API reference, its script served by this host from
 * the installed package (never a CDN), without its web fonts (they come from
 * Scalar's servers). Both apps depend on the package, so it is found beside
 * the running app (bundled) or beside this file (sources).
 */
export function docsPage(): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tally partner API</title></head>
<body>
<div id="reference"></div>
<script src="${REST_BASE_PATH}/docs/scalar.js"></script>
<script src="${REST_BASE_PATH}/docs/start.js"></script>
</body>
</html>`;
  return new Response(html, {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
  });
}

/** Separate from the page, so a Content-Security-Policy without inline scripts allows it. */
export function docsStartScript(): Response {
  const script = `Scalar.createApiReference("#reference", {
  url: "${REST_BASE_PATH}/openapi.json",
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
});\n`;
  return new Response(script, {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" },
  });
}

let bundle: Buffer | null | undefined;

export function scalarBundle(): Response {
  bundle ??= findBundle();
  if (!bundle)
    return new Response("The docs bundle (@scalar/api-reference) is not installed", { status: 404 });
  return new Response(new Uint8Array(bundle), {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    },
  });
}

function findBundle(): Buffer | null {
  const starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    for (let folder = start; ; folder = dirname(folder)) {
      const candidate = join(folder, BUNDLE);
      if (existsSync(candidate)) return readFileSync(candidate);
      if (folder === parse(folder).root) break;
    }
  }
  return null;
}
