import { router } from "expo-router";
import { useState } from "react";
import { ScrollView, StyleSheet } from "react-native";
import { trpc } from "../../src/api/trpc.ts";
import {
  type CustomerFormValues,
  emptyCustomerForm,
  parseCustomerForm,
} from "../../src/customers/customer-form.ts";
import { type FieldErrors, fieldErrorsFromServer } from "../../src/forms/field-errors.ts";
import { Button } from "../../src/ui/button.tsx";
import { ErrorNotice } from "../../src/ui/notice.tsx";
import { TextField } from "../../src/ui/text-field.tsx";
import { space } from "../../src/ui/theme.ts";

export default function NewCustomerScreen() {
  const [values, setValues] = useState<CustomerFormValues>(emptyCustomerForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const utils = trpc.useUtils();
  const create = trpc.customers.create.useMutation({
    onSuccess: (customer) => {
      void utils.customers.list.invalidate();
      router.replace({ pathname: "/customers/[id]", params: { id: customer.id } });
    },
    onError: (error) => setErrors(fieldErrorsFromServer(error)),
  });
  const field = (name: keyof CustomerFormValues) => ({
    value: values[name],
    onChangeText: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    error: errors[name],
  });
  const submit = () => {
    const parsed = parseCustomerForm(values);
    setErrors(parsed.ok ? {} : parsed.errors);
    if (parsed.ok) create.mutate(parsed.input);
  };

  return (
    <ScrollView contentContainerStyle={styles.form} keyboardShouldPersistTaps="handled">
      <TextField label="Name" {...field("name")} autoCapitalize="words" />
      <TextField label="Email" {...field("email")} autoCapitalize="none" keyboardType="email-address" />
      <TextField label="Phone" {...field("phone")} keyboardType="phone-pad" />
      <TextField label="Address" {...field("address")} multiline />
      {create.error && !create.error.data?.inputIssues ? <ErrorNotice error={create.error} /> : null}
      <Button title="Add customer" onPress={submit} busy={create.isPending} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({ form: { padding: space.l, gap: space.l } });
