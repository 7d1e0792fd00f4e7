import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/features/auth/sign-in-form";
import { safeNextPath } from "@/lib/next-path";
import { getViewer } from "@/server/viewer";

export const metadata: Metadata = { title: "Sign in" };

type SignInPageProps = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const next = safeNextPath((await searchParams).next);
  if (await getViewer()) redirect(next);
  return <SignInForm next={next} />;
}
