/**
 * The registration numbers a website in mainland China shows in its footer: the ICP
 * recordal number (ICP备案号, MIIT) every site served from the mainland must have, and
 * the public-security filing number (公安备案号, MPS) most cities also require. Set per
 * deployment (`WOODPECKER_ICP_NUMBER`, `WOODPECKER_PSB_NUMBER`; the site stack passes the
 * `icpNumber` and `psbNumber` context); shown only when set, each linked to the register
 * where a visitor can check it.
 */
export interface SiteFiling {
  /** As registered, e.g. `沪ICP备12345678号-1`. */
  text: string;
  /** The register's page for it. */
  href: string;
}

/** MIIT's public register of ICP recordals. */
export const ICP_REGISTER_URL = 'https://beian.miit.gov.cn/';

/** The MPS register's search page for one filing code (the digits of the number). */
export const psbRegisterUrl = (code: string) =>
  `https://beian.mps.gov.cn/#/query/webSearch?code=${encodeURIComponent(code)}`;

const ICP_NUMBER = /^[\u4e00-\u9fa5]{1,2}ICP(备|证)\d{6,12}号(-\d{1,3})?$/u;
const PSB_NUMBER = /^[\u4e00-\u9fa5]{1,2}公网安备\s?(\d{10,17})号$/u;

/**
 * The filings to show, from the environment. A value that is not a registration number
 * is left out rather than shown wrong (synthesis checks the context the same way).
 */
export function siteFilings(env: NodeJS.ProcessEnv = process.env): SiteFiling[] {
  const out: SiteFiling[] = [];
  const icp = env.WOODPECKER_ICP_NUMBER?.trim();
  if (icp && ICP_NUMBER.test(icp)) out.push({ text: icp, href: ICP_REGISTER_URL });
  const psb = env.WOODPECKER_PSB_NUMBER?.trim();
  const code = psb ? PSB_NUMBER.exec(psb)?.[1] : undefined;
  if (psb && code) out.push({ text: psb, href: psbRegisterUrl(code) });
  return out;
}

/** Whether `value` has the shape of an ICP recordal number (for a clear synth error). */
export const isIcpNumber = (value: string) => ICP_NUMBER.test(value.trim());
/** Whether `value` has the shape of a public-security filing number. */
export const isPsbNumber = (value: string) => PSB_NUMBER.test(value.trim());
