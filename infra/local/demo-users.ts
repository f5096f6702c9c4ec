/**
 * The demo staff users of `npm start`, one per role: staff of two departments, the
 * efficiency office, an inspector and an upstream `system` feed.
 */
export interface DemoUser {
  id: string;
  name: string;
  groups: string[];
  /** Where signing in takes them. */
  home: string;
}

export const DEMO_USERS: DemoUser[] = [
  { id: 'office-li', name: '效能办 李主任 (efficiency office)', groups: ['office'], home: '/staff' },
  { id: 'inspector-wang', name: '督查 王科长 (inspector)', groups: ['inspector'], home: '/staff' },
  {
    id: 'market-zhang',
    name: '市场监管局 张科员 (department staff)',
    groups: ['dept:market'],
    home: '/staff',
  },
  {
    id: 'housing-chen',
    name: '住建局 陈科员 (department staff)',
    groups: ['dept:housing'],
    home: '/staff',
  },
  { id: 'feed-approval', name: '审批系统接口 (upstream system)', groups: ['system'], home: '/dev/outbox' },
];
