import type { SignInResult } from "@tally/client";
import { useState } from "react";
import { KeyboardAvoidingView, Platform, StyleSheet, Text } from "react-native";
import { useSignIn } from "../src/auth/session-context.tsx";
import { Button } from "../src/ui/button.tsx";
import { TextField } from "../src/ui/text-field.tsx";
import { space, text } from "../src/ui/theme.ts";

export default function SignInScreen() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn();
  const submit = () => signIn.mutate({ email: email.trim(), password });
  const failure = signIn.data && !signIn.data.ok ? describeFailure(signIn.data) : null;

  return (
    <KeyboardAvoidingView behavior={Platform.OS === "ios" ? "padding" : undefined} style={styles.form}>
      <TextField
        label="Email"
        value={email}
        onChangeText={setEmail}
        autoCapitalize="none"
        autoComplete="email"
        keyboardType="email-address"
        inputMode="email"
        textContentType="username"
      />
      <TextField
        label="Password"
        value={password}
        onChangeText={setPassword}
        secureTextEntry
        autoComplete="current-password"
        textContentType="password"
        onSubmitEditing={submit}
      />
      {failure ? (
        <Text style={text.error} accessibilityRole="alert">
          {failure}
        </Text>
      ) : null}
      <Button title="Sign in" onPress={submit} busy={signIn.isPending} disabled={!email || !password} />
    </KeyboardAvoidingView>
  );
}

function describeFailure(result: Extract<SignInResult, { ok: false }>): string {
  switch (result.reason) {
    case "invalid-credentials":
      return "That email and password don't match an account.";
    case "rate-limited":
      return `Too many attempts. Try again in ${result.retryAfterSeconds ?? "a few"} seconds.`;
    case "unreachable":
      return "You're offline: Tally can't be reached. Check your connection.";
    case "origin-not-trusted":
      return "The server does not trust this app's address (TALLY_TRUSTED_ORIGINS).";
    case "unexpected":
      return "Sign-in failed unexpectedly. Try again.";
  }
}

const styles = StyleSheet.create({ form: { flex: 1, padding: space.l, gap: space.l } });
