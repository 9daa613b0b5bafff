/** The header bar: product name and city (the root area of the data), the demo-data badge, the language switch and the account corner. */
import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { rootName } from '../app-state/root-area.ts';
import type { Language } from '../app-state/view-state.ts';
import { AccountMenu } from '../features/account/AccountMenu.tsx';
import { useI18n } from '../i18n/use-i18n.tsx';
import { DemoBadge } from './DemoBadge.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export interface AppHeaderProps {
  demo: boolean;
  onLanguageChange: (lang: Language) => void;
  /** Tools of the map screen shown before the language switch (e.g. 台账). */
  children?: ReactNode;
}

export function AppHeader({ demo, onLanguageChange, children }: AppHeaderProps) {
  const { t, lang } = useI18n();
  const city = rootName(lang);
  return (
    <Layout.Header className="app-header">
      <h1 className="app-header__title" data-testid="app-title">
        {t('app.title')}
        {city && (
          <>
            <span className="app-header__sep" aria-hidden="true">
              ·
            </span>
            <span className="app-header__city">{city}</span>
          </>
        )}
      </h1>
      {demo && <DemoBadge />}
      <div className="app-header__spacer" />
      {children}
      <LanguageSwitch onChange={onLanguageChange} />
      <AccountMenu />
    </Layout.Header>
  );
}
