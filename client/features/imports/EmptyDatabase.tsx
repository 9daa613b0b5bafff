/**
 * The screen of an empty database (DEMO_DATA=off, nothing imported yet): what to import, in which order,
 * with a button to the import drawer (or to the login form for visitors).
 */
import { Button, Empty, Space } from 'antd';
import { useAccount } from '../account/account-context.ts';
import { canImport } from '../account/permissions.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

export function EmptyDatabase() {
  const { t } = useI18n();
  const { me, openImport, openLogin } = useAccount();
  const mayImport = canImport(me);
  return (
    <main className="empty-database" data-testid="empty-database">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <>
            <h2 className="empty-database__title">{t('empty.title')}</h2>
            <p className="empty-database__body">{t('empty.body')}</p>
          </>
        }
      >
        <Space>
          {mayImport ? (
            <Button type="primary" onClick={openImport} data-testid="empty-open-import">
              {t('empty.import')}
            </Button>
          ) : (
            <Button type="primary" onClick={() => openLogin()}>
              {t('empty.login')}
            </Button>
          )}
          <Button onClick={() => window.location.reload()}>{t('empty.reload')}</Button>
        </Space>
      </Empty>
    </main>
  );
}
