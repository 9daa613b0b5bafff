/** A generated password, shown once with a copy button and a warning; forgotten when the dialog closes. */
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal } from 'antd';
import { useState } from 'react';
import { useAccountI18n } from '../account/account-i18n.ts';
import { copyText } from './copy-text.ts';

export interface OneTimePassword {
  username: string;
  password: string;
}

export function OneTimePasswordModal({ value, onClose }: { value: OneTimePassword | null; onClose: () => void }) {
  const { t } = useAccountI18n();
  const [copied, setCopied] = useState(false);
  const close = () => {
    setCopied(false);
    onClose();
  };
  return (
    <Modal
      open={value !== null}
      title={t('users.otpTitle')}
      onCancel={close}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      destroyOnHidden
      width={520}
      className="otp-modal"
      data-testid="otp-modal"
      footer={
        <Button type="primary" onClick={close} data-testid="otp-close">
          {t('users.otpDone')}
        </Button>
      }
    >
      {value && (
        <>
          <Alert type="warning" showIcon title={t('users.otpWarning')} className="otp__warning" />
          <div className="otp__label">{t('users.otpFor', { username: value.username })}</div>
          <div className="otp__row">
            <code className="otp__password" data-testid="otp-password">
              {value.password}
            </code>
            <Button
              icon={copied ? <CheckOutlined /> : <CopyOutlined />}
              onClick={() => void copyText(value.password).then(setCopied)}
              data-testid="otp-copy"
            >
              {copied ? t('users.otpCopied') : t('users.otpCopy')}
            </Button>
          </div>
        </>
      )}
    </Modal>
  );
}
