"use client";

import { useEffect, useId, useState } from "react";

/** Long enough to skip the keystrokes in a word, short enough to feel live. */
const SEARCH_DELAY_MS = 300;

type SearchBoxProps = {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  className?: string;
};

/** A labelled search input that reports what was typed once typing pauses. */
export function SearchBox({ label, value, onSearch, placeholder, className }: SearchBoxProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);

  useEffect(() => {
    if (draft.trim() === value.trim()) return;
    const timer = setTimeout(() => onSearch(draft), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onSearch]);

  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        maxLength={100}
        autoComplete="off"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
    </div>
  );
}
