import { writeFileSync } from "node:fs";
import { partnerOpenApiDocument } from "@tally/host";

const target = new URL("../../partner-client/generated/openapi.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(partnerOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
