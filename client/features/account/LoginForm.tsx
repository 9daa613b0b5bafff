/**
 * Username and password. The server's answer is shown as it comes, above the button: one message for
 * a wrong username and a wrong password alike, another when this client must wait after too many failures.
 */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useAccount, type LoginReason } from './account-context.ts';
import { useAccountI18n } from './account-i18n.ts';
import { submitErrors } from './form-errors.ts';
import { useFormSubmit } from './use-form-submit.ts';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginForm({ reason }: { reason: LoginReason }) {
  const { t, lang } = useAccountI18n();
  const { login } = useAccount();
  const [form] = Form.useForm<LoginValues>();
  // One sentence above the button for every refusal (a wrong name and a wrong password alike, a wait).
  const { busy, general: error, run } = useFormSubmit(form, (e) => submitErrors(e, {}, lang, { ownUnauthorized: true }));

  const submit = async (v: LoginValues) => {
    if (await run(() => login(v.username.trim(), v.password))) return;
    form.setFieldValue('password', '');
    form.getFieldInstance('password')?.focus?.();
  };

  return (
    <Form<LoginValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      className="login-form"
      data-testid="login-form"
      size="large"
    >
      {reason && !error && (
        <Alert
          className="login-form__alert"
          type="warning"
          showIcon
          title={t(reason === 'expired' ? 'login.expired' : 'login.required')}
          data-testid="login-reason"
        />
      )}
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined />}
          placeholder={t('login.usernamePlaceholder')}
          autoComplete="username"
          autoFocus
          maxLength={64}
          spellCheck={false}
          autoCapitalize="off"
        />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
          maxLength={1024}
        />
      </Form.Item>
      {error && <Alert className="login-form__alert" type="error" showIcon title={error} data-testid="login-error" role="alert" />}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
        {t('login.submit')}
      </Button>
      <p className="login-form__hint">{t('login.hint')}</p>
    </Form>
  );
}
