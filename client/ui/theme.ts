/** The antd theme: restrained, deep-blue government style; text large enough for a projector. */
import type { ThemeConfig } from 'antd';

export const brand = {
  primary: '#1a4b8c',
  headerBg: '#0e2f5a',
  headerText: '#ffffff',
  panelBg: '#ffffff',
  pageBg: '#eef1f5',
} as const;

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    colorInfo: brand.primary,
    borderRadius: 4,
    fontSize: 15,
    fontFamily:
      "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', -apple-system, 'Segoe UI', sans-serif",
  },
  components: {
    Layout: {
      headerBg: brand.headerBg,
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: brand.panelBg,
      bodyBg: brand.pageBg,
      triggerBg: brand.primary,
      lightTriggerBg: '#f0f3f7',
    },
    Menu: { itemHeight: 40, itemMarginInline: 6, itemSelectedBg: '#e3ecf8', itemSelectedColor: brand.primary },
  },
};
