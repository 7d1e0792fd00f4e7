"use client";

import { useEffect, useRef } from "react";

/** A page that failed to render: says so, keeps the header usable, and offers another try. */
export default function RouteError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="alert" className="route-state">
      <h1 ref={heading} tabIndex={-1}>
        This page could not be shown
      </h1>
      <p>
        Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Your data is
        unchanged.
      </p>
      <button type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
