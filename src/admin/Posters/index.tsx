import { useAdminT } from '../../i18n/admin';
import { orgTreeSchema, type OrgView } from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { PosterSheet } from '../Poster';
import { href } from '../router';
import { useAsync } from '../use-async';

/**
 * Every site poster of a unit and of the units below it, one A4 sheet per site with its unit's name, in one
 * print job (issue #16): the print CSS breaks the page after each sheet.
 */
export function Posters({ orgId }: { orgId: string }) {
  const t = useAdminT();
  const tree = useAsync(() => api(orgTreeSchema, '/orgs'), []);
  if (!tree.data) return tree.error ? <ErrorText error={tree.error} /> : <p>{t('loading')}</p>;
  const orgs = new Map<string, OrgView>(tree.data.orgs.map((o) => [o.id, o]));
  const unit = orgs.get(orgId);
  // The subtree, walked from the unit down (the tree answer holds only what the caller may see).
  const inSubtree = new Set([orgId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of tree.data.orgs) {
      if (o.parentId && inSubtree.has(o.parentId) && !inSubtree.has(o.id)) {
        inSubtree.add(o.id);
        grew = true;
      }
    }
  }
  const sites = tree.data.sites
    .filter((s) => inSubtree.has(s.orgId))
    .sort((a, b) => (orgs.get(a.orgId)?.name ?? '').localeCompare(orgs.get(b.orgId)?.name ?? '', 'vi') || a.name.localeCompare(b.name, 'vi'));
  return (
    <>
      <div class="no-print">
        <p class="actions">
          <a href={href([])}>← {t('back')}</a>
          <button type="button" onClick={() => print()} disabled={sites.length === 0}>
            {t('print')}
          </button>
        </p>
        <h1>
          {t('postersOf')} {unit?.name ?? ''}
        </h1>
        <p data-testid="posters-count">
          {sites.length} {t('postersCount')}
        </p>
        {sites.length === 0 && <p>{t('noSites')}</p>}
      </div>
      <div class="posters" data-testid="posters">
        {sites.map((s) => (
          <PosterSheet key={s.id} siteId={s.id} siteName={s.name} unitName={orgs.get(s.orgId)?.name} />
        ))}
      </div>
    </>
  );
}
