import { useState } from 'preact/hooks';
import { useAdminT } from '../../i18n/admin';
import { orgSchema, orgTreeSchema, siteSchema, type OrgTree as Tree, type OrgView } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { href, navigate } from '../router';
import { canManageOrgs, useAdmin } from '../session';
import { useAsync } from '../use-async';

/** Organisations and sites the admin may see, as a tree; org admins create, rename and move here, beside each org. */
export function OrgTree() {
  const t = useAdminT();
  const tree = useAsync(() => api(orgTreeSchema, '/orgs'), []);
  const data = tree.data;
  if (!data) return tree.error ? <ErrorText error={tree.error} /> : <p>{t('loading')}</p>;
  const visible = new Set(data.orgs.map((o) => o.id));
  const roots = data.orgs.filter((o) => o.parentId === null || !visible.has(o.parentId));
  const orphanSites = data.sites.filter((s) => !visible.has(s.orgId));
  return (
    <section>
      <h1>{t('navOrgs')}</h1>
      <ul class="tree">
        {roots.map((o) => (
          <OrgNode key={o.id} org={o} tree={data} onChange={tree.reload} />
        ))}
      </ul>
      {orphanSites.length > 0 && (
        <ul class="sites">
          {orphanSites.map((s) => (
            <li key={s.id}>
              <a href={href(['sites', s.id])}>{s.name}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OrgNode({ org, tree, onChange }: { org: OrgView; tree: Tree; onChange: () => void }) {
  const t = useAdminT();
  const admin = useAdmin();
  const [error, setError] = useState<Error>();
  const children = tree.orgs.filter((o) => o.parentId === org.id);
  const sites = tree.sites.filter((s) => s.orgId === org.id);
  const manage = canManageOrgs(admin);
  const run = (action: () => Promise<unknown>) => (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    setError(undefined);
    action().then(() => {
      form.reset();
      onChange();
    }, setError);
  };
  const field = (e: Event, name: string) => ((e.currentTarget as HTMLFormElement).elements.namedItem(name) as HTMLInputElement).value;
  const others = tree.orgs.filter((o) => o.id !== org.id && o.id !== org.parentId);

  return (
    <li data-testid="org" data-org-id={org.id}>
      {/* The actions sit on the organisation's own row, so it is plain which one they change (issue #11). */}
      <div class="org-row">
        <span class="org-name" data-testid="org-name">{org.name}</span>
        {(sites.length > 0 || children.length > 0) && (
          <a class="org-posters" href={href(['orgs', org.id, 'posters'])} data-testid="org-posters" aria-label={`${t('printAllPosters')}: ${org.name}`}>
            {t('printAllPosters')}
          </a>
        )}
        {manage && (
          <details class="org-actions" data-testid="org-actions">
            <summary aria-label={`${t('orgActionsOf')} ${org.name}`}>{t('orgActions')}</summary>
            <form
              onSubmit={(e) => {
                const name = field(e, 'name');
                run(async () => {
                  const site = await api(siteSchema, '/sites', { method: 'POST', body: { orgId: org.id, name } });
                  navigate(['sites', site.id]);
                })(e);
              }}
            >
              <input name="name" required placeholder={t('newSite')} aria-label={t('newSite')} />
              <button type="submit">{t('newSite')}</button>
            </form>
            <form onSubmit={(e) => { const name = field(e, 'name'); run(() => api(orgSchema, '/orgs', { method: 'POST', body: { parentId: org.id, name } }))(e); }}>
              <input name="name" required placeholder={t('newOrg')} aria-label={t('newOrg')} />
              <button type="submit">{t('newOrg')}</button>
            </form>
            <form onSubmit={(e) => { const name = field(e, 'name'); run(() => api(orgSchema, `/orgs/${org.id}`, { method: 'PATCH', body: { name } }))(e); }}>
              <input name="name" required defaultValue={org.name} aria-label={t('rename')} />
              <button type="submit">{t('rename')}</button>
            </form>
            {org.id !== admin.orgId && others.length > 0 && (
              <form onSubmit={(e) => { const parentId = field(e, 'parent'); run(() => api(orgSchema, `/orgs/${org.id}`, { method: 'PATCH', body: { parentId } }))(e); }}>
                <select name="parent" aria-label={t('moveTo')}>
                  {others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <button type="submit">{t('move')}</button>
              </form>
            )}
            <ErrorText error={error} />
          </details>
        )}
      </div>
      <ul class="sites">
        {sites.map((s) => (
          <li key={s.id}>
            <a href={href(['sites', s.id])} data-testid="site-link">
              {s.name}
            </a>
          </li>
        ))}
      </ul>
      {children.length > 0 && (
        <ul class="tree">
          {children.map((c) => (
            <OrgNode key={c.id} org={c} tree={tree} onChange={onChange} />
          ))}
        </ul>
      )}
    </li>
  );
}
