import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title, one line of what the page is for, and the page's main actions. */
export function PageHeader({
  title,
  description,
  extra,
}: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="hx-page-header">
      <div className="hx-page-header-text">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
      </div>
      {extra ? <div className="hx-page-header-extra">{extra}</div> : null}
    </div>
  );
}
