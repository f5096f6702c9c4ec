/**
 * The mainland registration numbers in the footer (issue 20, item 3): shown only when set
 * and well-formed, each linked to the register that confirms it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Layout } from '../../web/components/Layout.js';
import { isIcpNumber, isPsbNumber, siteFilings } from '../../web/site-filing.js';

const ctx = { lang: 'zh' as const, path: '/', elder: false };

afterEach(() => {
  delete process.env.WOODPECKER_ICP_NUMBER;
  delete process.env.WOODPECKER_PSB_NUMBER;
});

describe('site filings', () => {
  it('reads the ICP recordal and the public-security filing, linking each to its register', () => {
    expect(
      siteFilings({
        WOODPECKER_ICP_NUMBER: '沪ICP备12345678号-1',
        WOODPECKER_PSB_NUMBER: '沪公网安备31010402000001号',
      }),
    ).toEqual([
      { text: '沪ICP备12345678号-1', href: 'https://beian.miit.gov.cn/' },
      {
        text: '沪公网安备31010402000001号',
        href: 'https://beian.mps.gov.cn/#/query/webSearch?code=31010402000001',
      },
    ]);
  });

  it('leaves out what is unset or not a registration number', () => {
    expect(siteFilings({})).toEqual([]);
    expect(siteFilings({ WOODPECKER_ICP_NUMBER: '<script>', WOODPECKER_PSB_NUMBER: '12345' })).toEqual([]);
    expect(isIcpNumber('京ICP证030173号')).toBe(true);
    expect(isIcpNumber('ICP12345678')).toBe(false);
    expect(isPsbNumber('京公网安备 11000002000001号')).toBe(true);
    expect(isPsbNumber('京公网安备号')).toBe(false);
  });

  it('appear in every page footer when set, and not at all otherwise', () => {
    expect(
      String(
        <Layout ctx={ctx} title="t">
          x
        </Layout>,
      ),
    ).not.toContain('beian');
    process.env.WOODPECKER_ICP_NUMBER = '沪ICP备12345678号-1';
    process.env.WOODPECKER_PSB_NUMBER = '沪公网安备31010402000001号';
    const page = String(
      <Layout ctx={ctx} title="t">
        x
      </Layout>,
    );
    expect(page).toContain(
      '<a href="https://beian.miit.gov.cn/" rel="noopener noreferrer" target="_blank">沪ICP备12345678号-1</a>',
    );
    expect(page).toContain('code=31010402000001');
  });
});
