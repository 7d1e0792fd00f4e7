import { CopyField } from "@/components/copy-field";

/** Shown once, right after registration: the list never shows it again, so this is the chance to copy it. */
export function NewWebhookSecret({ url, secret }: { url: string; secret: string }) {
  return (
    <CopyField label="Signing secret" noun="secret" value={secret}>
      Deliveries to <strong>{url}</strong> are signed with this secret. Copy it now into the receiver's
      configuration: it will not be shown again. Verify the <code>Tally-Signature</code> header of every
      delivery with it (see the partner documentation).
    </CopyField>
  );
}
