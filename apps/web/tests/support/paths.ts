import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = resolve(webDir, "../..");
