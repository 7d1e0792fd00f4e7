/** Shown when a save was refused because someone else saved first: offers their version to start over from. */
export function NewerVersionNotice<Latest>({
  latest,
  onReload,
}: {
  latest: Latest | null;
  onReload: (latest: Latest) => void;
}) {
  if (!latest) return null;
  return (
    <div className="conflict">
      <p>Your changes were not saved. Load the latest version, then make your changes again.</p>
      <button type="button" onClick={() => onReload(latest)}>
        Load latest version
      </button>
    </div>
  );
}
