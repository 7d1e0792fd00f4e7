import { FormMessages } from "./form-messages";

/**
 * A set of choices picked by ticking boxes (an API key's scopes, a webhook's
 * event kinds): each box says in words what it means, with the value the API
 * takes beside it, and the field's refusals come after them.
 */
export function CheckboxGroup<Value extends string>({
  legend,
  options,
  labels,
  selected,
  onChange,
  errors = [],
}: {
  legend: string;
  options: readonly Value[];
  labels: Record<Value, string>;
  selected: readonly Value[];
  onChange: (selected: Value[]) => void;
  errors?: string[];
}) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.map((value) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={selected.includes(value)}
            onChange={(event) =>
              onChange(
                event.target.checked ? [...selected, value] : selected.filter((other) => other !== value),
              )
            }
          />
          <span>
            {labels[value]} <code>{value}</code>
          </span>
        </label>
      ))}
      <FormMessages messages={errors} />
    </fieldset>
  );
}
