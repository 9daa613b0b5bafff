/** 修改密码: current and new password, with the server's policy stated and its answers at the fields. */
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { changePassword } from '../../api/auth-api.ts';
import { useAccount } from './account-context.ts';
import { useAccountI18n } from './account-i18n.ts';
import { submitErrors } from './form-errors.ts';
import { useFormSubmit } from './use-form-submit.ts';

/** The policy's problems (`newPassword`) at the new password; a wrong current one (403) at the current one. */
const serverFields = { newPassword: 'newPassword', currentPassword: 'currentPassword' } as const;

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
  const { busy, general, run } = useFormSubmit(form, (e) => submitErrors(e, serverFields, lang, { forbidden: 'currentPassword' }));
  const policy = me?.passwordPolicy ?? { mode: 'length' as const, minLength: 12 };

  const submit = (v: Values) =>
    run(async () => {
      await changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.done'));
      onClose();
    });

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
