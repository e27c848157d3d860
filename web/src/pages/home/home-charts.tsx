import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '../../api/endpoints';
import { Chart, type ChartOption } from '../../shared/chart';

const COLORS = { logins: '#1456b8', failures: '#e8684a', changes: '#f0a020' };

/** 近 14 日活动: sign-ins and failed sign-ins as bars, changes as a line. */
export function ActivityChart({ activity }: { activity: DashboardSummary['activity'] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const quiet = activity.every((a) => a.logins + a.failures + a.changes === 0);
    return {
      color: [COLORS.logins, COLORS.failures, COLORS.changes],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: activity.map((a) => a.date.slice(5)),
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: '#c9d2e0' } },
        axisLabel: { color: '#5b6b82' },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: '#edf0f5' } },
        axisLabel: { color: '#5b6b82' },
      },
      series: [
        { name: t('home.activityLogins'), type: 'bar', barMaxWidth: 14, data: activity.map((a) => a.logins) },
        { name: t('home.activityFailures'), type: 'bar', barMaxWidth: 14, data: activity.map((a) => a.failures) },
        {
          name: t('home.activityChanges'),
          type: 'line',
          smooth: false,
          symbolSize: 6,
          data: activity.map((a) => a.changes),
        },
      ],
      graphic: quiet
        ? [
            {
              type: 'text',
              left: 'center',
              top: 'middle',
              style: { text: t('home.activityEmpty'), fill: '#8a94a6', fontSize: 13 },
            },
          ]
        : [],
    };
  }, [activity, t]);
  return <Chart option={option} style={{ height: 300 }} testId="activity-chart" />;
}

/** 下级区划账号分布: the region's own level first, then each sub-region in code order. */
export function RegionChart({ byRegion, selfCode }: { byRegion: DashboardSummary['byRegion']; selfCode: string }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const names = byRegion.map((r) => (r.code === selfCode ? t('home.byRegionSelf', { name: r.name }) : r.name));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: names,
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: '#c9d2e0' } },
        axisLabel: {
          color: '#5b6b82',
          interval: 0,
          rotate: names.length > 8 ? 30 : 0,
          formatter: (v: string) => (v.length > 9 ? `${v.slice(0, 8)}…` : v),
        },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: '#edf0f5' } },
        axisLabel: { color: '#5b6b82' },
      },
      series: [
        {
          name: t('home.usersTotal'),
          type: 'bar',
          barMaxWidth: 28,
          label: { show: true, position: 'top', color: '#3b4a61' },
          itemStyle: { color: '#1456b8', borderRadius: [3, 3, 0, 0] },
          data: byRegion.map((r) => ({
            value: r.users,
            itemStyle: r.code === selfCode ? { color: '#f0a020' } : undefined,
          })),
        },
      ],
    };
  }, [byRegion, selfCode, t]);
  return <Chart option={option} style={{ height: 320 }} testId="region-chart" />;
}
