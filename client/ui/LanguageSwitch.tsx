/** 中文 / EN switch. Each option is written in its own language so anyone can find theirs. */
import { Segmented } from 'antd';
import type { Language } from '../app-state/view-state.ts';
import { useI18n } from '../i18n/use-i18n.tsx';

export function LanguageSwitch({ onChange }: { onChange: (lang: Language) => void }) {
  const { lang, t } = useI18n();
  return (
    <Segmented<Language>
      className="language-switch"
      aria-label={t('lang.switch')}
      value={lang}
      onChange={onChange}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
