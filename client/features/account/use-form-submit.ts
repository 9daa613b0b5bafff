/**
 * Submitting an antd form to the server: busy while it runs, and a refusal shown where the user acts —
 * each field's message at the field, the rest (`general`) above the form (`submitErrors`).
 */
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../api/load-state.ts';
import type { ApiError } from '../../api/client.ts';
import type { FieldErrors } from './form-errors.ts';

export interface FormSubmit {
  busy: boolean;
  /** The sentence above the form, or null. */
  general: string | null;
  /** Run the submit; true when it succeeded. */
  run: (submit: () => Promise<void>) => Promise<boolean>;
}

/** `errorsOf` turns a refusal into what the form shows (null: nothing, e.g. the session ended). */
export function useFormSubmit<F extends string>(
  form: Pick<FormInstance, 'setFields'>,
  errorsOf: (failure: ApiError) => FieldErrors<F> | null,
): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const run = async (submit: () => Promise<void>) => {
    setBusy(true);
    setGeneral(null);
    try {
      await submit();
      return true;
    } catch (err) {
      const shown = errorsOf(toApiError(err));
      if (shown) {
        form.setFields(shown.fields);
        setGeneral(shown.general);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, general, run };
}
