import { createRestHandler, traceFetchRequests } from "@tally/host";
import { servedBy } from "@/server/runtime";

/** The partner REST API (/api/v1/…), in-process, as apps/server serves it. */
const handleRest = traceFetchRequests(
  "web",
  servedBy(({ db, auth, config, queue, apiKeys }) =>
    createRestHandler({ db, auth, limits: config.limits, rules: config.rules, queue, apiKeys }),
  ),
);

export {
  handleRest as DELETE,
  handleRest as GET,
  handleRest as PATCH,
  handleRest as POST,
  handleRest as PUT,
};
