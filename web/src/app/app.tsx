import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { useLang } from './i18n';
import { queryClient } from './query-client';
import { router } from './router';

/** Government blue, squarer corners, Chinese system fonts first. */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1456b8',
    colorInfo: '#1456b8',
    colorLink: '#1456b8',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#0b3a82',
      headerHeight: 60,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      bodyBg: '#f0f3f8',
      triggerBg: '#f5f7fa',
      triggerColor: '#4a5a75',
      footerBg: 'transparent',
    },
    Menu: { itemBorderRadius: 4, itemMarginInline: 8, groupTitleColor: '#8a94a6' },
    Table: { headerBg: '#f5f7fa' },
  },
};

export function App() {
  const lang = useLang();
  return (
    <ConfigProvider locale={lang === 'en-US' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
