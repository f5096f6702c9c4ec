/** Labels that only the local platform (`npm start`) shows. */
import type { Lang } from '../lang.js';

export const localMessages = {
  demoLoading: {
    zh: '演示数据正在载入…载入完成前，页面上的数字和排名尚不完整。',
    en: 'Demo data is loading… Until it is done, the figures and rankings on these pages are incomplete.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
