/** The login form in a dialog, over the map (anonymous read on) — also when a session has ended. */
import { Modal } from 'antd';
import type { LoginReason } from './account-context.ts';
import { useAccountI18n } from './account-i18n.ts';
import { LoginForm } from './LoginForm.tsx';

export function LoginModal({ open, reason, onCancel }: { open: boolean; reason: LoginReason; onCancel: () => void }) {
  const { t } = useAccountI18n();
  return (
    <Modal
      open={open}
      title={t('login.title')}
      footer={null}
      onCancel={onCancel}
      destroyOnHidden
      centered
      width={420}
      mask={{ closable: false }}
      className="login-modal"
      data-testid="login-modal"
    >
      <p className="login-modal__subtitle">{t('login.subtitle')}</p>
      <LoginForm reason={reason} />
    </Modal>
  );
}
