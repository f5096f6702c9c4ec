/**
 * The languages of the site: Chinese (the default) and English. A module of its own so
 * that the catalogues in `web/messages/` and `web/i18n.ts`, which merges them, both
 * depend on it rather than on each other (no import cycle); pages import it through i18n.
 */
export type Lang = 'zh' | 'en';
