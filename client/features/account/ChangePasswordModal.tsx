/** 修改密码: current and new password, with the server's policy stated and its answers at the fields. */
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { changePassword } from '../../api/auth-api.ts';
import { ApiError } from '../../api/client.ts';
import { useAccount } from './account-context.ts';
import { useAccountI18n } from './account-i18n.ts';
import { changePasswordErrors } from './form-errors.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useAccountI18n();
  const { me } = useAccount();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const policy = me?.passwordPolicy ?? { mode: 'length' as const, minLength: 12 };

  const submit = async (v: Values) => {
    setBusy(true);
    setGeneral(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.done'));
      onClose();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(String(err), 0);
      if (e.status === 401) return; // the session ended: the login form takes over
      const { fields, general } = changePasswordErrors(e.status, e, lang);
      form.setFields(fields);
      setGeneral(general);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('password.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
      width={520}
      data-testid="password-modal"
    >
      <Alert
        type="info"
        showIcon
        className="account-policy"
        title={t(policy.mode === 'complexity' ? 'password.policy.complexity' : 'password.policy.length', { min: policy.minLength })}
        data-testid="password-policy"
      />
      <p className="account-policy__note">{t('password.otherSessions')}</p>
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} preserve={false}>
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" autoComplete="username" value={me?.user?.username ?? ''} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus maxLength={1024} />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('password.newRequired') }]}>
          <Input.Password autoComplete="new-password" maxLength={1024} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={1024} />
        </Form.Item>
        {general && <Alert type="error" showIcon title={general} role="alert" />}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
