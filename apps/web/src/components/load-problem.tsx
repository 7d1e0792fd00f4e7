"use client";

/** A list or record that could not be loaded, with a way to try again. */
export function LoadProblem({
  what,
  message,
  onRetry,
}: {
  what: string;
  message: string;
  onRetry: () => void;
}) {
  return (
    <div role="alert" className="form-error">
      <p>
        Could not load {what}: {message}
      </p>
      <button type="button" onClick={() => onRetry()}>
        Try again
      </button>
    </div>
  );
}
