/**
 * The app's deep blue makes antd's derived info colours grey (#c0c7cc); the account dialogs and
 * drawers, which rely on info notes, get a light blue instead.
 */
import { ConfigProvider, type ThemeConfig } from 'antd';
import type { ReactNode } from 'react';

export const accountTheme: ThemeConfig = {
  components: { Alert: { colorInfoBg: '#edf3fb', colorInfoBorder: '#bcd0ea' } },
};

export function AccountTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={accountTheme}>{children}</ConfigProvider>;
}
