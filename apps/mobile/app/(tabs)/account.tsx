import { StyleSheet, View } from "react-native";
import { useSwitchOrganisation } from "../../src/account/use-switch-organisation.ts";
import { trpc } from "../../src/api/trpc.ts";
import { useSignOut } from "../../src/auth/session-context.tsx";
import { Button } from "../../src/ui/button.tsx";
import { ListRow } from "../../src/ui/list-row.tsx";
import { ErrorNotice } from "../../src/ui/notice.tsx";
import { QueryView } from "../../src/ui/query-view.tsx";
import { Section } from "../../src/ui/section.tsx";
import { space } from "../../src/ui/theme.ts";

export default function AccountScreen() {
  const me = trpc.account.me.useQuery();
  const organisations = trpc.org.listMine.useQuery();
  const switchTo = useSwitchOrganisation();
  const signOut = useSignOut();
  const refetchBoth = () => Promise.all([me.refetch(), organisations.refetch()]);

  return (
    <QueryView query={{ ...me, refetch: refetchBoth }}>
      {({ user, role }) => (
        <>
          <Section title="Signed in as">
            <ListRow title={user.name} subtitle={user.email} trailing={role ?? undefined} />
          </Section>
          <Section title="Organisation">
            {organisations.error ? <ErrorNotice error={organisations.error} /> : null}
            {switchTo.error ? <ErrorNotice error={switchTo.error} /> : null}
            {organisations.data?.map((organisation) => (
              <ListRow
                key={organisation.id}
                title={organisation.name}
                subtitle={organisation.role}
                trailing={organisation.active ? "Active" : undefined}
                selected={organisation.active}
                onPress={
                  organisation.active || switchTo.isPending
                    ? undefined
                    : () => switchTo.mutate({ organizationId: organisation.id })
                }
              />
            ))}
          </Section>
          <View style={styles.signOut}>
            <Button title="Sign out" variant="secondary" onPress={signOut} />
          </View>
        </>
      )}
    </QueryView>
  );
}

const styles = StyleSheet.create({ signOut: { padding: space.l, marginTop: space.l } });
