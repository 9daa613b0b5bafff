/** The account state shared by the header, the gate, the drawers and the household button. */
import { createContext, useContext } from 'react';
import type { Me } from '../../api/auth-api.ts';

export type LoginReason = 'expired' | 'required' | null;

export interface AccountState {
  /** /api/auth/me; null until the first answer. */
  me: Me | null;
  loading: boolean;
  /** Why the login form was opened or the login screen is shown (a sentence above the form). */
  loginReason: LoginReason;
  /** Ask the server again who is logged in. */
  refresh: () => Promise<Me | null>;
  openLogin: (reason?: LoginReason) => void;
  /** Log in with the form's values; resolves when /me has the new user. Throws the server's ApiError. */
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  openChangePassword: () => void;
  openUsers: () => void;
  openAudit: () => void;
  openImport: () => void;
}

const noop = () => undefined;
export const AccountContext = createContext<AccountState>({
  me: null,
  loading: true,
  loginReason: null,
  refresh: async () => null,
  openLogin: noop,
  login: async () => undefined,
  logout: async () => undefined,
  openChangePassword: noop,
  openUsers: noop,
  openAudit: noop,
  openImport: noop,
});

export const useAccount = () => useContext(AccountContext);
