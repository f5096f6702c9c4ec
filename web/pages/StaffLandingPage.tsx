/**
 * `/staff`: the way into the consoles. Signed out, a sign-in link; signed in, one
 * section per console the user's roles open — the department inbox, the efficiency
 * office, the inspector's — each listing only the pages of that role.
 */
import type { Role } from '../../functions/domain/identity.js';
import { Layout, type PageContext } from '../components/Layout.js';
import { t } from '../i18n.js';

export interface ConsoleSection {
  role: Role;
  title: string;
  intro: string;
  links: { href: string; label: string }[];
}

export function StaffLandingPage(props: { ctx: PageContext; consoles: ConsoleSection[] | undefined }) {
  const { ctx, consoles } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'staffConsole')}>
      <h1>{t(lang, 'staffConsole')}</h1>
      {!consoles ? (
        <p>
          {t(lang, 'staffSignInNeeded')} <a href="/staff/sign-in">{t(lang, 'navSignIn')}</a>
        </p>
      ) : consoles.length ? (
        consoles.map((c) => (
          <section class="console" aria-labelledby={`console-${c.role}`} data-role={c.role}>
            <h2 id={`console-${c.role}`}>{c.title}</h2>
            <p class="muted">{c.intro}</p>
            {c.links.length ? (
              <ul>
                {c.links.map((l) => (
                  <li>
                    <a href={l.href}>{l.label}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t(lang, 'staffNothing')}</p>
            )}
          </section>
        ))
      ) : (
        <p>{t(lang, 'staffRoleNone')}</p>
      )}
    </Layout>
  );
}
