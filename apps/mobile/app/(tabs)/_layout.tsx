import { Tabs } from "expo-router";
import { HeaderLink } from "../../src/ui/header-link.tsx";
import { colors } from "../../src/ui/theme.ts";

export default function TabsLayout() {
  return (
    <Tabs screenOptions={{ tabBarActiveTintColor: colors.primary, tabBarIconStyle: { display: "none" } }}>
      <Tabs.Screen
        name="index"
        options={{ title: "Orders", headerRight: () => <HeaderLink href="/orders/new" title="New order" /> }}
      />
      <Tabs.Screen name="products" options={{ title: "Products" }} />
      <Tabs.Screen
        name="customers"
        options={{
          title: "Customers",
          headerRight: () => <HeaderLink href="/customers/new" title="New customer" />,
        }}
      />
      <Tabs.Screen name="reports" options={{ title: "Reports" }} />
      <Tabs.Screen name="account" options={{ title: "Account" }} />
    </Tabs>
  );
}
