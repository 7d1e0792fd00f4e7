/** A field's hint and its messages, with the ids its input names in aria-describedby (fieldDescribedBy). */
export function FieldNotes({
  id,
  hint,
  errors,
}: {
  id: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
}) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {Boolean(errors?.length) && (
        <p id={`${id}-error`} className="field-error">
          {errors?.join(" ")}
        </p>
      )}
    </>
  );
}

/** What an input's aria-describedby names: its hint and its messages, when it has them. */
export function fieldDescribedBy(id: string, hint: string | undefined, invalid: boolean): string | undefined {
  return [hint && `${id}-hint`, invalid && `${id}-error`].filter(Boolean).join(" ") || undefined;
}
