/** Labels that only the local platform (`npm start`) shows. */
import type { Lang } from '../lang.js';

export const localMessages = {
  demoLoading: {
    zh: '演示数据正在载入…载入完成前，页面上的数字和排名尚不完整。',
    en: 'Demo data is loading… Until it is done, the figures and rankings on these pages are incomplete.',
  },
  providerTitle: { zh: '本地统一身份认证（演示）', en: 'Local identity provider (demo)' },
  providerIntro: {
    zh: '这是 npm start 自带的 OpenID 提供方，在本机代替云端的 Cognito 或城市的统一身份认证。选择一个演示账号即可登录，无需密码。',
    en: 'The OpenID provider that comes with npm start, standing in on this machine for Cognito or a city’s own identity platform. Pick a demo account to sign in; no password is needed.',
  },
  providerAccounts: { zh: '演示账号', en: 'Demo accounts' },
  providerAccount: { zh: '账号', en: 'Account' },
  providerGroups: { zh: '用户组', en: 'Groups' },
  providerSignInAs: { zh: '登录为', en: 'Sign in as' },
  providerLogoutTitle: { zh: '退出本地统一身份认证？', en: 'Sign out of the local identity provider?' },
  providerLogoutYes: { zh: '退出', en: 'Yes, sign me out' },
  providerLogoutNo: { zh: '保持登录', en: 'No, stay signed in' },
  providerSignedOut: {
    zh: '您已退出本地统一身份认证。',
    en: 'You have signed out of the local identity provider.',
  },
  providerErrorTitle: { zh: '无法完成登录', en: 'Sign-in could not go on' },
  providerErrorText: {
    zh: '这次登录已过期或无效。请回到啄木鸟网站重新登录。',
    en: 'This sign-in has expired or is not valid. Please go back to the Woodpecker site and sign in again.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
