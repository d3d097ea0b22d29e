import { useEffect, useState } from 'preact/hooks';
import { useAdminT, type AdminMessageKey } from '../../i18n/admin';
import { orgTreeSchema, PERSONAL_FIELDS, siteSchema, type PersonalField, type SiteView } from '../../protocol';
import { api } from '../api';
import { Devices } from '../Devices';
import { GateSettings } from '../GateSettings';
import { ErrorText } from '../ErrorText';
import { href } from '../router';
import { canManageOrgs, canWrite, useAdmin } from '../session';
import { useAsync } from '../use-async';

/** One site: its settings (name, org, kept fields, retention), poster, live log, roster, signed passes and kiosks. */
export function SitePage({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const admin = useAdmin();
  const site = useAsync(() => api(siteSchema, `/sites/${siteId}`), [siteId]);
  if (!site.data) return site.error ? <ErrorText error={site.error} /> : <p>{t('loading')}</p>;
  return (
    <section>
      <p class="no-print">
        <a href={href([])}>← {t('back')}</a>
      </p>
      <h1 data-testid="site-title">{site.data.name}</h1>
      <p class="actions">
        <a class="button" href={href(['sites', siteId, 'log'])} data-testid="open-log">
          {t('liveLog')}
        </a>
        <a class="button" href={href(['sites', siteId, 'poster'])} data-testid="open-poster">
          {t('poster')}
        </a>
        <a class="button" href={href(['sites', siteId, 'roster'])} data-testid="open-roster">
          {t('roster')}
        </a>
        {canWrite(admin) && (
          <a class="button" href={href(['sites', siteId, 'pass'])} data-testid="open-issue-pass">
            {t('issuePass')}
          </a>
        )}
      </p>
      <Settings site={site.data} onSaved={site.reload} />
      <GateSettings siteId={siteId} />
      <Devices siteId={siteId} />
    </section>
  );
}

function Settings({ site, onSaved }: { site: SiteView; onSaved: () => void }) {
  const t = useAdminT();
  const admin = useAdmin();
  const [name, setName] = useState(site.name);
  const [orgId, setOrgId] = useState(site.orgId);
  const [kept, setKept] = useState<Set<PersonalField>>(new Set(site.policy.keptFields));
  const [days, setDays] = useState(String(site.policy.retentionDays));
  const [status, setStatus] = useState<'saved' | Error>();
  const orgs = useAsync(() => (canManageOrgs(admin) ? api(orgTreeSchema, '/orgs').then((x) => x.orgs) : Promise.resolve([])), []);
  useEffect(() => setStatus(undefined), [name, orgId, kept, days]);
  const writable = canWrite(admin);

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api(siteSchema, `/sites/${site.id}`, {
        method: 'PATCH',
        body: {
          ...(name !== site.name ? { name } : {}),
          ...(orgId !== site.orgId ? { orgId } : {}),
          policy: { keptFields: PERSONAL_FIELDS.filter((f) => kept.has(f)), retentionDays: Number(days) },
        },
      });
      setStatus('saved');
      onSaved();
    } catch (err) {
      setStatus(err as Error);
    }
  };

  return (
    <form class="card" onSubmit={save} data-testid="site-settings">
      <h2>{t('siteSettings')}</h2>
      {!writable && <p class="muted">{t('readOnly')}</p>}
      <fieldset disabled={!writable}>
        {canManageOrgs(admin) && (
          <>
            <label>
              {t('name')}
              <input name="site-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <label>
              {t('moveTo')}
              <select value={orgId} onChange={(e) => setOrgId(e.currentTarget.value)}>
                {(orgs.data ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <p>{t('keptFields')}</p>
        <div class="checks">
          {PERSONAL_FIELDS.map((f) => (
            <label key={f} class="check">
              <input
                type="checkbox"
                name={`keep-${f}`}
                checked={kept.has(f)}
                onChange={(e) => {
                  const next = new Set(kept);
                  if (e.currentTarget.checked) next.add(f);
                  else next.delete(f);
                  setKept(next);
                }}
              />
              {t(`field_${f}` as AdminMessageKey)}
            </label>
          ))}
        </div>
        <label>
          {t('retentionDays')}
          <input name="retention" type="number" min={1} max={3650} required value={days} onInput={(e) => setDays(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('save')}</button>
        {status === 'saved' && <span class="ok"> {t('saved')}</span>}
        {status instanceof Error && <ErrorText error={status} />}
      </fieldset>
    </form>
  );
}
