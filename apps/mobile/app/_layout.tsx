import { Stack } from "expo-router";
import { StatusBar } from "expo-status-bar";
import { ApiProvider } from "../src/api/api-provider.tsx";
import { useSessionStatus } from "../src/auth/session-context.tsx";
import { apiUrlSelection } from "../src/config/runtime-api-url.ts";
import { ConfigurationProblem } from "../src/ui/configuration-problem.tsx";
import { Loading } from "../src/ui/loading.tsx";

export default function RootLayout() {
  if (!apiUrlSelection.ok) return <ConfigurationProblem problem={apiUrlSelection.problem} />;
  return (
    <ApiProvider endpoints={apiUrlSelection.endpoints}>
      <StatusBar style="auto" />
      <Screens />
    </ApiProvider>
  );
}

/** Signed in, the app; signed out, only the sign-in screen. Expo Router redirects between them. */
function Screens() {
  const status = useSessionStatus();
  if (status === "restoring") return <Loading />;
  const signedIn = status === "signed-in";
  return (
    <Stack>
      <Stack.Protected guard={signedIn}>
        <Stack.Screen name="(tabs)" options={{ headerShown: false }} />
        <Stack.Screen name="orders/new" options={{ title: "New order", presentation: "modal" }} />
        <Stack.Screen name="orders/[id]/index" options={{ title: "Order" }} />
        <Stack.Screen name="orders/[id]/add-item" options={{ title: "Add item", presentation: "modal" }} />
        <Stack.Screen name="products/[id]" options={{ title: "Product" }} />
        <Stack.Screen name="customers/new" options={{ title: "New customer", presentation: "modal" }} />
        <Stack.Screen name="customers/[id]" options={{ title: "Customer" }} />
        <Stack.Screen name="invoices/[id]" options={{ title: "Invoice" }} />
      </Stack.Protected>
      <Stack.Protected guard={!signedIn}>
        <Stack.Screen name="sign-in" options={{ title: "Sign in to Tally" }} />
      </Stack.Protected>
    </Stack>
  );
}
