"use client";

import type { RouterOutputs } from "@tally/api";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";

type Organization = RouterOutputs["org"]["listMine"][number];

const NEW_ORGANIZATION = "new";

/**
 * Switching makes another organisation active for this session; every page
 * then renders again for it, and nothing cached for the previous one is reused.
 */
export function OrganizationSwitcher({ organizations }: { organizations: Organization[] }) {
  const hydrated = useHydrated();
  const id = useId();
  const router = useRouter();
  const utils = trpc.useUtils();
  const setActive = trpc.org.setActive.useMutation({
    onSuccess: async () => {
      await utils.invalidate();
      router.refresh();
    },
  });

  if (organizations.length === 0) return <Link href="/organizations/new">Create an organisation</Link>;
  const active = organizations.find((organization) => organization.active);

  return (
    <div className="org-switcher">
      <label htmlFor={id} className="visually-hidden">
        Organisation
      </label>
      <select
        id={id}
        value={active?.id ?? ""}
        disabled={!hydrated || setActive.isPending}
        onChange={(event) => {
          if (event.target.value === NEW_ORGANIZATION) router.push("/organizations/new");
          else setActive.mutate({ organizationId: event.target.value });
        }}
      >
        {!active && (
          <option value="" disabled>
            Choose an organisation
          </option>
        )}
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
        <option value={NEW_ORGANIZATION}>New organisation…</option>
      </select>
      {setActive.isError && (
        <span role="alert" className="field-error">
          {setActive.error.message}
        </span>
      )}
    </div>
  );
}
