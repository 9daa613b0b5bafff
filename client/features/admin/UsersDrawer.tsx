/**
 * 用户管理 (city administrator): every account with role, county, sign-off flag, status and last login;
 * create, edit, disable / enable (sessions end at once) and reset a password (shown once).
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Drawer, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { listUsers, resetUserPassword, updateUser, type UserView } from '../../api/auth-api.ts';
import { ApiError } from '../../api/client.ts';
import { defaultViewState } from '../../app-state/view-state.ts';
import { useAccount } from '../account/account-context.ts';
import { useAccountI18n } from '../account/account-i18n.ts';
import { localizeServerMessage } from '../account/form-errors.ts';
import { useLoad } from '../../api/use-load.ts';
import { regionsRequest } from '../regions/regions-load.ts';
import { OneTimePasswordModal, type OneTimePassword } from './OneTimePasswordModal.tsx';
import { formatBeijing } from './time-format.ts';
import { UserFormModal, type CountyOption, type UserFormResult } from './UserFormModal.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserView } | null;

export default function UsersDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useAccountI18n();
  const { me } = useAccount();
  const { message, modal } = AntApp.useApp();
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [otp, setOtp] = useState<OneTimePassword | null>(null);

  const countyRegions = useLoad(...regionsRequest('county', defaultViewState.area));
  const counties = useMemo<CountyOption[]>(
    () =>
      countyRegions.status === 'ready'
        ? countyRegions.data.features
            .map((f) => ({ value: f.properties.code, label: f.properties.name }))
            .sort((a, b) => a.value.localeCompare(b.value))
        : [],
    [countyRegions],
  );
  const countyName = useCallback(
    (code: string | null) => (code ? (counties.find((c) => c.value === code)?.label ?? code) : t('common.none')),
    [counties, t],
  );

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setUsers(await listUsers());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (open) void load();
    else {
      setUsers(null);
      setSearch('');
    }
  }, [open, load]);

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) return;
    message.error(localizeServerMessage(err instanceof Error ? err.message : String(err), lang));
  };

  const setDisabled = (u: UserView, disabled: boolean) =>
    modal.confirm({
      title: t(disabled ? 'users.disableTitle' : 'users.enableTitle', { username: u.username }),
      content: t(disabled ? 'users.disableBody' : 'users.enableBody'),
      okText: t(disabled ? 'users.disable' : 'users.enable'),
      okButtonProps: { danger: disabled, 'data-testid': 'confirm-ok' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await updateUser(u.id, { disabled });
          message.success(t(disabled ? 'users.disabledDone' : 'users.enabledDone', { username: u.username }));
          await load();
        } catch (err) {
          failed(err);
        }
      },
    });

  const resetPassword = (u: UserView) =>
    modal.confirm({
      title: t('users.resetTitle', { username: u.username }),
      content: t('users.resetBody'),
      okText: t('users.resetPassword'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const { user, password } = await resetUserPassword(u.id);
          if (password) setOtp({ username: user.username, password });
          await load();
        } catch (err) {
          failed(err);
        }
      },
    });

  const done = (r: UserFormResult) => {
    setEditing(null);
    if (r.kind === 'created') {
      message.success(t('users.created', { username: r.result.user.username }));
      if (r.result.password) setOtp({ username: r.result.user.username, password: r.result.password });
    } else {
      message.success(t('users.saved', { username: r.user.username }));
    }
    void load();
  };

  const selfId = me?.user?.id;
  const columns: TableColumnsType<UserView> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 150,
      render: (v: string, u) => (
        <span className="users__username">
          {v}
          {u.id === selfId && (
            <Tag color="blue" className="users__self">
              {t('users.self')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', ellipsis: true },
    { title: t('users.role'), dataIndex: 'role', width: 120, render: (r: UserView['role']) => t(`role.${r}`) },
    { title: t('users.county'), dataIndex: 'countyCode', width: 170, render: (c: string | null) => countyName(c) },
    {
      title: t('users.leader'),
      dataIndex: 'leader',
      width: 84,
      align: 'center',
      render: (v: boolean) => (v ? t('common.yes') : t('common.none')),
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      width: 90,
      render: (d: boolean) =>
        d ? (
          <Tag color="default" className="users__status users__status--disabled">
            {t('users.disabledTag')}
          </Tag>
        ) : (
          <Tag color="success" className="users__status">
            {t('users.enabled')}
          </Tag>
        ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? formatBeijing(v, false) : <span className="muted">{t('users.never')}</span>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_: unknown, u) => (
        <Space size={0} className="users__actions">
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user: u })} data-testid={`user-edit-${u.username}`}>
            {t('users.edit')}
          </Button>
          {u.id !== selfId && (
            <Button
              type="link"
              size="small"
              danger={!u.disabled}
              onClick={() => setDisabled(u, !u.disabled)}
              data-testid={`user-toggle-${u.username}`}
            >
              {u.disabled ? t('users.enable') : t('users.disable')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => resetPassword(u)} data-testid={`user-reset-${u.username}`}>
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  const q = search.trim().toLowerCase();
  const shown = (users ?? []).filter((u) => !q || u.username.includes(q) || u.displayName.toLowerCase().includes(q));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('users.title')}
      size={Math.min(1240, typeof window === 'undefined' ? 1240 : window.innerWidth - 80)}
      destroyOnHidden
      className="admin-drawer"
      data-testid="users-drawer"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
            {t('common.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="user-create">
            {t('users.create')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('users.intro')} className="admin-drawer__intro" />
      <div className="admin-drawer__toolbar">
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320 }}
        />
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed', { message: error })}
          action={
            <Button size="small" onClick={() => void load()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<UserView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        loading={loading && !users}
        pagination={shown.length > 20 ? { pageSize: 20, showTotal: (total) => t('common.total', { total }) } : false}
        rowClassName={(u) => (u.disabled ? 'users__row--disabled' : '')}
        data-testid="users-table"
      />
      {editing && (
        <UserFormModal
          mode={editing.mode}
          user={editing.mode === 'edit' ? editing.user : undefined}
          counties={counties}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      )}
      <OneTimePasswordModal value={otp} onClose={() => setOtp(null)} />
    </Drawer>
  );
}
