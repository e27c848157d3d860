import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { LANGS, type Lang } from '@hexie/core';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang, useLang } from '../app/i18n';

const NAMES: Record<Lang, string> = { 'zh-CN': '中文', 'en-US': 'English' };

/** 中文 / English, in the header and on the sign-in page; the choice is remembered in this browser. */
export function LangSwitch({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const lang = useLang();
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: LANGS.map((l) => ({
          key: l,
          label: (
            <span data-testid={`lang-${l}`} lang={l}>
              {NAMES[l]}
            </span>
          ),
        })),
        onClick: ({ key }) => void setLang(key as Lang),
      }}
    >
      <Button
        type="text"
        data-testid="lang-switch"
        aria-label={t('lang.switch')}
        className={tone === 'dark' ? 'hx-header-button' : undefined}
        icon={<GlobalOutlined />}
      >
        {NAMES[lang]}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
