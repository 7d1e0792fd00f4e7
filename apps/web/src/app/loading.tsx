/** Shown while a page's server render is under way: navigation answers at once. */
export default function Loading() {
  return (
    <p className="muted route-state" role="status">
      Loading…
    </p>
  );
}
