/** Create or edit an account: name, role, county and sign-off flag (county editors), initial password (create). */
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { createUser, updateUser, type Role, type UserView, type UserWithPassword } from '../../api/auth-api.ts';
import { useAccount } from '../account/account-context.ts';
import { useAccountI18n } from '../account/account-i18n.ts';
import { submitErrors } from '../account/form-errors.ts';
import { useFormSubmit } from '../account/use-form-submit.ts';
import { createBody, endsSessions, formOfUser, roleOrder, updateBody, usernamePattern, type UserFormValues } from './user-form.ts';

export interface CountyOption {
  value: string;
  label: string;
}

const serverFields = {
  username: 'username',
  displayName: 'displayName',
  role: 'role',
  countyCode: 'countyCode',
  leader: 'leader',
  password: 'password',
} as const;

export type UserFormResult = { kind: 'created'; result: UserWithPassword } | { kind: 'updated'; user: UserView };

export function UserFormModal({
  mode,
  user,
  counties,
  onDone,
  onCancel,
}: {
  mode: 'create' | 'edit';
  /** The account edited (edit mode). */
  user?: UserView;
  counties: CountyOption[];
  onDone: (result: UserFormResult) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useAccountI18n();
  const { me } = useAccount();
  const [form] = Form.useForm<UserFormValues>();
  const { busy, general, run } = useFormSubmit(form, (e) => submitErrors(e, serverFields, lang));
  const role = Form.useWatch('role', form) as Role | undefined;
  const watched = Form.useWatch([], form) as UserFormValues | undefined;
  const warnSessions =
    mode === 'edit' && user && watched?.role ? endsSessions(user, updateBody(user, { ...formOfUser(user), ...watched })) : false;
  const policy = me?.passwordPolicy ?? { mode: 'length' as const, minLength: 12 };

  const submit = (values: UserFormValues) =>
    run(async () => {
      if (mode === 'create') {
        onDone({ kind: 'created', result: await createUser(createBody(values)) });
      } else if (user) {
        const body = updateBody(user, { ...formOfUser(user), ...values });
        onDone({ kind: 'updated', user: Object.keys(body).length ? await updateUser(user.id, body) : user });
      }
    });

  return (
    <Modal
      open
      title={mode === 'create' ? t('users.createTitle') : t('users.editTitle', { username: user?.username ?? '' })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
      data-testid="user-form-modal"
    >
      <Form<UserFormValues>
        form={form}
        layout="horizontal"
        labelCol={{ span: 7 }}
        wrapperCol={{ span: 17 }}
        onFinish={submit}
        initialValues={user ? formOfUser(user) : { role: 'county_editor', leader: false }}
        autoComplete="off"
        className="user-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={mode === 'create' ? t('users.usernameHelp') : undefined}
          normalize={(v: string) => v?.toLowerCase()}
          rules={
            mode === 'create'
              ? [
                  { required: true, message: t('users.usernameRequired') },
                  { pattern: usernamePattern, message: t('users.usernameInvalid') },
                ]
              : []
          }
        >
          <Input disabled={mode === 'edit'} maxLength={32} spellCheck={false} autoCapitalize="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={64} data-testid="user-form-displayName" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select
            data-testid="user-form-role"
            options={roleOrder.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            disabled={mode === 'edit' && user?.id === me?.user?.id}
          />
        </Form.Item>
        {role === 'county_editor' && (
          <>
            <Form.Item name="countyCode" label={t('users.county')} rules={[{ required: true, message: t('users.countyRequired') }]}>
              <Select
                data-testid="user-form-county"
                placeholder={t('users.countyPlaceholder')}
                options={counties}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item name="leader" label={t('users.leader')} valuePropName="checked" extra={t('users.leaderHelp')}>
              <Switch data-testid="user-form-leader" />
            </Form.Item>
          </>
        )}
        {mode === 'create' && (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={
              <>
                {t('users.passwordHelp')}
                <br />
                {t(policy.mode === 'complexity' ? 'password.policy.complexity' : 'password.policy.length', { min: policy.minLength })}
              </>
            }
          >
            <Input.Password autoComplete="new-password" maxLength={1024} data-testid="user-form-password" />
          </Form.Item>
        )}
        {warnSessions && <Alert type="warning" showIcon title={t('users.rightsWarning')} className="user-form__warning" />}
        {general && <Alert type="error" showIcon title={general} role="alert" data-testid="user-form-error" />}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
