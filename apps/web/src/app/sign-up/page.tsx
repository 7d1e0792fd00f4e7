import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/features/auth/sign-up-form";
import { safeNextPath } from "@/lib/next-path";
import { getViewer } from "@/server/viewer";

export const metadata: Metadata = { title: "Create an account" };

type SignUpPageProps = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignUpPage({ searchParams }: SignUpPageProps) {
  const next = safeNextPath((await searchParams).next);
  if (await getViewer()) redirect(next);
  return <SignUpForm next={next} />;
}
