import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT, type AdminMessageKey } from '../../i18n/admin';
import { wordRosterError } from '../../i18n/api-errors';
import { rosterImportResultSchema, rosterListSchema, siteSchema, type RosterImportResult, type RosterPreviewRow } from '../../protocol';
import { apiUpload, api } from '../api';
import { ErrorText } from '../ErrorText';
import { href } from '../router';
import { canWrite, useAdmin } from '../session';
import { useAsync } from '../use-async';

const CHANGE_KEY: Record<RosterPreviewRow['change'], AdminMessageKey> = {
  added: 'rosterAdded',
  updated: 'rosterUpdated',
  removed: 'rosterRemoved',
  unchanged: 'rosterUnchanged',
};

/**
 * A site's roster: upload a CSV, see the preview (the rows with what happens to each, errors by line, in the
 * admin's language), apply after a confirmation (it replaces the whole roster); the current entries below.
 */
export function Roster({ siteId }: { siteId: string }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const [confirming, setConfirming] = useState<string>();
  const admin = useAdmin();
  const site = useAsync(() => api(siteSchema, `/sites/${siteId}`), [siteId]);
  const list = useAsync(() => api(rosterListSchema, `/sites/${siteId}/roster`), [siteId]);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<RosterImportResult>();
  const [error, setError] = useState<Error>();

  const send = async (chosen: File, query: string) => {
    setError(undefined);
    setConfirming(undefined);
    try {
      const result = await apiUpload(rosterImportResultSchema, `/sites/${siteId}/roster${query}`, chosen);
      setPreview(result);
      if (result.applied) list.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setPreview(undefined);
    if (chosen) void send(chosen, '?dryRun=1');
  };

  return (
    <section>
      <p>
        <a href={href(['sites', siteId])}>← {t('back')}</a>
      </p>
      <h1>
        {t('roster')} — {site.data?.name ?? ''}
      </h1>
      {canWrite(admin) && (
        <div class="card">
          <p class="muted">{t('rosterHint')}</p>
          <label>
            {t('rosterFile')}
            <input type="file" name="roster-file" accept=".csv,.txt,.tsv,text/csv" data-testid="roster-file" onChange={(e) => choose(e.currentTarget.files?.[0])} />
          </label>
          {preview && (
            <div data-testid="roster-preview">
              <p data-testid="roster-counts">
                {preview.applied ? t('rosterApplied') : t('rosterPreview')}: {preview.added} {t('rosterAdded')}, {preview.updated} {t('rosterUpdated')}, {preview.removed}{' '}
                {t('rosterRemoved')}, {preview.unchanged} {t('rosterUnchanged')} ({preview.encoding})
              </p>
              {preview.errors.length > 0 && (
                <table data-testid="roster-errors">
                  <thead>
                    <tr>
                      <th class="num">{t('line')}</th>
                      <th>{t('problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.errors.map((e) => (
                      <tr key={`${e.line}-${e.code}`} data-testid="roster-error">
                        <td class="num">{e.line}</td>
                        <td>{wordRosterError(lang, e.code, e.params)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {preview.rows.length > 0 && (
                <table class="roster-rows" data-testid="roster-preview-rows">
                  <caption>
                    {t('rosterPreviewRows')}
                    {preview.rows.length < preview.added + preview.updated + preview.removed + preview.unchanged ? ` (${preview.rows.length})` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th>{t('rosterChange')}</th>
                      <th class="num">{t('line')}</th>
                      <th>{t('rosterCode')}</th>
                      <th>{t('name')}</th>
                      <th>{t('rosterGroup')}</th>
                      <th>{t('rosterRole')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((r) => (
                      <tr key={`${r.change}-${r.code}`} data-testid="roster-preview-row" class={`change-${r.change}`}>
                        <td>{t(CHANGE_KEY[r.change])}</td>
                        <td class="num">{r.line ?? ''}</td>
                        <td>{r.code}</td>
                        <td>{r.name}</td>
                        <td>{r.group}</td>
                        <td>{r.role}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {!preview.applied && file && !confirming && (
                <p class="actions">
                  {preview.errors.length === 0 ? (
                    <button type="button" data-testid="roster-apply" onClick={() => setConfirming('')}>
                      {t('rosterApply')}
                    </button>
                  ) : (
                    <button type="button" data-testid="roster-apply-valid" onClick={() => setConfirming('?skipInvalid=1')}>
                      {t('rosterApplyValid')}
                    </button>
                  )}
                </p>
              )}
              {!preview.applied && file && confirming !== undefined && (
                <div class="confirm" role="alertdialog" aria-labelledby="roster-confirm-text" data-testid="roster-confirm">
                  <p id="roster-confirm-text">
                    {t('rosterConfirm')} {preview.added} {t('rosterAdded')}, {preview.updated} {t('rosterUpdated')}, {preview.removed} {t('rosterRemoved')}.
                  </p>
                  <button type="button" data-testid="roster-confirm-yes" onClick={() => send(file, confirming)}>
                    {t('rosterConfirmYes')}
                  </button>{' '}
                  <button type="button" class="secondary" data-testid="roster-confirm-no" onClick={() => setConfirming(undefined)}>
                    {t('cancel')}
                  </button>
                </div>
              )}
            </div>
          )}
          <ErrorText error={error} />
        </div>
      )}
      <h2>
        {t('rosterEntries')} ({list.data?.entries.length ?? 0})
      </h2>
      <ErrorText error={list.error} />
      <table data-testid="roster-entries">
        <thead>
          <tr>
            <th>{t('rosterCode')}</th>
            <th>{t('name')}</th>
            <th>{t('rosterGroup')}</th>
            <th>{t('rosterRole')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.entries ?? []).map((e) => (
            <tr key={e.code}>
              <td>{e.code}</td>
              <td>{e.name}</td>
              <td>{e.group}</td>
              <td>{e.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
