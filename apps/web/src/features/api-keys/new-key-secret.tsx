import { CopyField } from "@/components/copy-field";

/** Shown once, right after creation: Tally keeps only a hash, so this is the only chance to copy it. */
export function NewKeySecret({ name, secret }: { name: string; secret: string }) {
  return (
    <CopyField label="API key" noun="key" value={secret}>
      The key <strong>{name}</strong> is ready. Copy it now: it will not be shown again.
    </CopyField>
  );
}
