import { setDayZone } from '../format';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { AdminLangContext, adminTranslator } from '../../i18n/admin';
import type { Lang } from '../../i18n';
import { meResponseSchema, type AdminIdentity } from '../../protocol';
import { api, SESSION_ENDED_EVENT } from '../api';
import { href, useRoute } from '../router';
import { SessionContext } from '../session';
import { Audit } from '../Audit';
import { DataRequests } from '../DataRequests';
import { IssuePass } from '../IssuePass';
import { Login } from '../Login';
import { LiveLog } from '../LiveLog';
import { OrgTree } from '../OrgTree';
import { Poster } from '../Poster';
import { PosterDisplay } from '../PosterDisplay';
import { Posters } from '../Posters';
import { Reports } from '../Reports';
import { Roster } from '../Roster';
import { SilentKiosks } from '../SilentKiosks';
import { SitePage } from '../SitePage';
import { Trace } from '../Trace';
import { Webhooks } from '../Webhooks';
import { Watchlist } from '../Watchlist';

const LANG_KEY = 'gatelog-admin-lang';

/** The console: sign-in, then the navigation and the page of the current route. */
export function App() {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi'));
  const [admin, setAdmin] = useState<AdminIdentity | null | undefined>(undefined);
  const route = useRoute();
  const t = useMemo(() => adminTranslator(lang), [lang]);
  const setLang = (l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    setLangState(l);
  };

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('title');
  }, [lang, t]);
  useEffect(() => {
    // A page left open (the live log, the roll call) outlives its 12-hour session: sign in again, same page.
    const ended = () => setAdmin(null);
    addEventListener(SESSION_ENDED_EVENT, ended);
    return () => removeEventListener(SESSION_ENDED_EVENT, ended);
  }, []);
  useEffect(() => {
    // No session (401) or any failure: show the sign-in form.
    api(meResponseSchema, '/auth/me').then(
      (me) => {
        setDayZone(me.timeZone);
        setAdmin(me.admin);
      },
      () => setAdmin(null),
    );
  }, []);

  const signOut = async () => {
    await api(z.unknown(), '/auth/session', { method: 'DELETE' }).catch(() => undefined);
    setAdmin(null);
  };

  const [page, id, sub] = route.parts;
  let body;
  if (!admin) body = admin === undefined ? <p>{t('loading')}</p> : <Login onSignedIn={setAdmin} />;
  else if (page === 'sites' && id && sub === 'poster') body = <Poster siteId={id} />;
  else if (page === 'orgs' && id && sub === 'posters') body = <Posters orgId={id} />;
  else if (page === 'watchlist') body = <Watchlist />;
  else if (page === 'sites' && id && sub === 'log') body = <LiveLog siteId={id} />;
  else if (page === 'sites' && id && sub === 'roster') body = <Roster siteId={id} />;
  else if (page === 'sites' && id && sub === 'pass') body = <IssuePass siteId={id} />;
  else if (page === 'sites' && id) body = <SitePage siteId={id} />;
  else if (page === 'trace') body = <Trace params={route.params} />;
  else if (page === 'reports') body = <Reports />;
  else if (page === 'audit') body = <Audit />;
  else if (page === 'subjects') body = <DataRequests />;
  else if (page === 'silent') body = <SilentKiosks />;
  else if (page === 'webhooks') body = <Webhooks />;
  else body = <OrgTree />;

  // The door screen (issue #16): the poster alone, no top bar or navigation.
  if (admin && page === 'sites' && id && sub === 'display') {
    return (
      <AdminLangContext.Provider value={{ lang, t, setLang }}>
        <SessionContext.Provider value={admin}>
          <main class="display-main">
            <PosterDisplay siteId={id} />
          </main>
        </SessionContext.Provider>
      </AdminLangContext.Provider>
    );
  }

  return (
    <AdminLangContext.Provider value={{ lang, t, setLang }}>
      <SessionContext.Provider value={admin ?? null}>
        <header class="topbar no-print">
          <strong>{t('title')}</strong>
          {admin && (
            <nav>
              <a href={href([])}>{t('navOrgs')}</a>
              <a href={href(['trace'])}>{t('navTrace')}</a>
              <a href={href(['reports'])}>{t('navReports')}</a>
              <a href={href(['audit'])}>{t('navAudit')}</a>
              <a href={href(['subjects'])}>{t('navDataRequests')}</a>
              {admin.siteId === undefined && <a href={href(['silent'])}>{t('navSilent')}</a>}
              {admin.siteId === undefined && admin.role === 'admin' && <a href={href(['webhooks'])}>{t('webhooksNav')}</a>}
              {admin.siteId === undefined && <a href={href(['watchlist'])}>{t('navWatchlist')}</a>}
            </nav>
          )}
          <span class="spacer" />
          {admin && (
            <span class="who" data-testid="who">
              {admin.email} · {t(`role_${admin.role}`)}
            </span>
          )}
          <button type="button" class="link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('language')}
          </button>
          {admin && (
            <button type="button" class="link" onClick={signOut}>
              {t('signOut')}
            </button>
          )}
        </header>
        <main>{body}</main>
      </SessionContext.Provider>
    </AdminLangContext.Provider>
  );
}
