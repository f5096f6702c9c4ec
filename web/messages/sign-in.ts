/** Labels of staff sign-in over OpenID Connect (web/oidc/routes.tsx). */
import type { Lang } from '../lang.js';

export const signInMessages = {
  signInUnavailableTitle: { zh: '暂时无法登录', en: 'Sign-in is unavailable' },
  signInUnavailableText: {
    zh: '统一身份认证服务暂时无法连接，请稍后再试。已登录的工作人员不受影响。',
    en: 'The identity provider cannot be reached at the moment. Please try again shortly; staff already signed in are not affected.',
  },
  signInRetry: { zh: '重试登录', en: 'Try again' },
  signInFailedTitle: { zh: '登录未完成', en: 'Sign-in was not completed' },
  signInExpired: {
    zh: '这次登录已过期，或已在其他窗口完成。请重新登录。',
    en: 'This sign-in has expired or was completed in another window. Please sign in again.',
  },
  signInRefused: {
    zh: '统一身份认证服务未确认这次登录。请重新登录。',
    en: 'The identity provider did not confirm this sign-in. Please sign in again.',
  },
  signInAgain: { zh: '重新登录', en: 'Sign in again' },
  signedOutTitle: { zh: '已退出登录', en: 'Signed out' },
  signedOutText: {
    zh: '您已退出啄木鸟工作台，正在前往统一身份认证服务退出登录…',
    en: 'You have signed out of the Woodpecker consoles; now signing you out at the identity provider…',
  },
  signedOutContinue: {
    zh: '继续在统一身份认证服务退出',
    en: 'Continue signing out at the identity provider',
  },
} as const satisfies Record<string, Record<Lang, string>>;
