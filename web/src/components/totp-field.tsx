import type { Ref } from 'react';
import { Field } from './ui';

/** The 6-digit authenticator code field, the same at sign-in, MFA set-up and in every step-up dialog. */
export function TotpField({
  value,
  onChange,
  hint,
  inputRef,
  label = 'Authenticator code',
}: {
  value: string;
  onChange: (code: string) => void;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
  label?: string;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <input
          id={id}
          ref={inputRef}
          aria-describedby={hintId}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          value={value}
          // Authenticator apps and password managers paste "123 456": keep the digits only.
          onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
          required
        />
      )}
    </Field>
  );
}
