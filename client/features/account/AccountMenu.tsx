/**
 * The header's account corner: 登录 for an anonymous visitor; for a logged-in user a menu with the
 * name, role and county, 修改密码, 退出登录 and — for the city administrator — 用户管理 and 审计日志.
 */
import {
  AuditOutlined,
  CloudUploadOutlined,
  DownOutlined,
  KeyOutlined,
  LoginOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { defaultViewState } from '../../app-state/view-state.ts';
import { useLoad } from '../../api/use-load.ts';
import { regionsRequest } from '../regions/regions-load.ts';
import { useAccount } from './account-context.ts';
import { useAccountI18n } from './account-i18n.ts';
import { useImportsI18n } from '../imports/imports-i18n.ts';
import { canImport, canManageUsers, canReadAudit } from './permissions.ts';

/** The name of a county-level division (from the boundaries the map loads anyway). */
export function CountyName({ code, render = (name) => name }: { code: string; render?: (name: string) => string }) {
  const counties = useLoad(...regionsRequest('county', defaultViewState.area));
  const name = counties.status === 'ready' ? counties.data.features.find((f) => f.properties.code === code)?.properties.name : undefined;
  return <>{render(name ?? code)}</>;
}

export function AccountMenu() {
  const { t } = useAccountI18n();
  const { t: ti } = useImportsI18n();
  const { me, loading, openLogin, logout, openChangePassword, openUsers, openAudit, openImport } = useAccount();
  if (loading || !me) return null;
  const user = me.user;
  // Without anonymous read the page itself is the login screen: no second way in.
  if (!user && !me.anonymousRead) return null;
  if (!user) {
    return (
      <Button className="account-login-button" icon={<LoginOutlined />} onClick={() => openLogin(null)} data-testid="login-button">
        {t('login.button')}
      </Button>
    );
  }
  const role = t(`role.${user.role}`);
  const items: MenuProps['items'] = [
    {
      key: 'profile',
      disabled: true,
      className: 'account-menu__profile',
      label: (
        <div data-testid="account-profile">
          <div className="account-menu__name">{user.displayName}</div>
          <div className="account-menu__meta">
            {role}
            {user.leader && ` · ${t('menu.signer')}`}
          </div>
          {user.countyCode && (
            <div className="account-menu__meta">
              <CountyName code={user.countyCode} render={(county) => t('menu.county', { county })} />
            </div>
          )}
          <div className="account-menu__meta account-menu__username">{user.username}</div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('menu.changePassword') },
    ...(canImport(me) ? [{ key: 'import', icon: <CloudUploadOutlined />, label: ti('menu.import') }] : []),
    ...(canManageUsers(me) ? [{ key: 'users', icon: <TeamOutlined />, label: t('menu.users') }] : []),
    ...(canReadAudit(me) ? [{ key: 'audit', icon: <AuditOutlined />, label: t('menu.audit') }] : []),
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('menu.logout'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') openChangePassword();
    else if (key === 'users') openUsers();
    else if (key === 'audit') openAudit();
    else if (key === 'import') openImport();
    else if (key === 'logout') void logout();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button className="account-button" aria-label={t('menu.aria')} data-testid="account-button">
        <UserOutlined />
        <span className="account-button__name">{user.displayName}</span>
        <span className="account-button__role">{role}</span>
        <DownOutlined className="account-button__caret" />
      </Button>
    </Dropdown>
  );
}
