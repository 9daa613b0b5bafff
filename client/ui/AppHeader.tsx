/** The header bar: product name and city, the demo-data badge, the language switch and the account corner. */
import { Layout } from 'antd';
import type { Language } from '../app-state/view-state.ts';
import { AccountMenu } from '../features/account/AccountMenu.tsx';
import { useI18n } from '../i18n/use-i18n.tsx';
import { DemoBadge } from './DemoBadge.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export interface AppHeaderProps {
  demo: boolean;
  onLanguageChange: (lang: Language) => void;
}

export function AppHeader({ demo, onLanguageChange }: AppHeaderProps) {
  const { t } = useI18n();
  return (
    <Layout.Header className="app-header">
      <h1 className="app-header__title" data-testid="app-title">
        {t('app.title')}
        <span className="app-header__sep" aria-hidden="true">·</span>
        <span className="app-header__city">{t('app.city')}</span>
      </h1>
      {demo && <DemoBadge />}
      <div className="app-header__spacer" />
      <LanguageSwitch onChange={onLanguageChange} />
      <AccountMenu />
    </Layout.Header>
  );
}
