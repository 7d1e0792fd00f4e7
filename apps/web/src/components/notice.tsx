export type Notice = { kind: "done" | "problem"; text: string } | null;

/**
 * The outcome of the last action on a page. The status region is always
 * present, so screen readers announce what is written into it; problems are
 * announced at once as alerts.
 */
export function NoticeLine({ notice }: { notice: Notice }) {
  return (
    <>
      <p role="status" className="notice">
        {notice?.kind === "done" ? notice.text : ""}
      </p>
      {notice?.kind === "problem" && (
        <div role="alert" className="form-error">
          <p>{notice.text}</p>
        </div>
      )}
    </>
  );
}
