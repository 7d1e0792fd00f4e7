"use client";

import { DateTime } from "@/components/date-time";
import { PagedList } from "@/components/paged-list";
import { StatusBadge } from "@/components/status-badge";
import { trpc } from "@/trpc/react";
import {
  DELIVERY_LOG_POLL_MS,
  DELIVERY_STATUS_LABELS,
  lastAnswer,
  retryUnlessRefused,
  type WebhookDelivery,
} from "./webhook";

const PAGE_SIZE = 20;

/**
 * One endpoint's deliveries, newest first. Deliveries are made by workers
 * and are not events of the live stream, so the log is read again every few
 * seconds while it is on screen (react-query pauses that in a hidden tab).
 */
export function DeliveryLog({ endpointId, url }: { endpointId: string; url: string }) {
  const log = trpc.webhooks.deliveries.list.useInfiniteQuery(
    { endpointId, limit: PAGE_SIZE },
    {
      getNextPageParam: (page) => page.nextCursor,
      retry: retryUnlessRefused,
      refetchInterval: (query) => (query.state.status === "error" ? false : DELIVERY_LOG_POLL_MS),
    },
  );
  return (
    <PagedList
      query={log}
      loading="Loading deliveries…"
      what="deliveries"
      empty="Nothing delivered yet: events of the kinds this endpoint wants appear here within seconds."
    >
      {(deliveries) => (
        <table className="data-table">
          <caption className="visually-hidden">Deliveries to {url}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col" className="number">
                Attempts
              </th>
              <th scope="col">Last answer</th>
              <th scope="col">Next try</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} />
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <tr>
      <td className="nowrap">
        <DateTime value={delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt} />
      </td>
      <th scope="row">
        <code>{delivery.eventKind}</code>
      </th>
      <td>
        <StatusBadge status={delivery.status} label={DELIVERY_STATUS_LABELS[delivery.status]} />
      </td>
      <td className="number">{delivery.attempts}</td>
      <td>{lastAnswer(delivery)}</td>
      <td className="nowrap">{delivery.nextAttemptAt ? <DateTime value={delivery.nextAttemptAt} /> : "—"}</td>
    </tr>
  );
}
