import { useState } from 'preact/hooks';
import { useAdminLang, useAdminT } from '../../i18n/admin';
import {
  createdWebhookSchema,
  okAnswerSchema,
  orgTreeSchema,
  WEBHOOK_EVENT_TYPES,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  type WebhookEventType,
} from '../../protocol';
import { api } from '../api';
import { ErrorText } from '../ErrorText';
import { formatTime } from '../format';
import { OrgSelect } from '../OrgSelect';
import { useAdmin } from '../session';
import { useAsync } from '../use-async';
import { useAutoRefresh } from '../use-auto-refresh';

/** A console action whose failure is shown on the page: [the last failure, run(action)]. */
function useAction(): [Error | undefined, (action: () => Promise<void>) => Promise<void>] {
  const [error, setError] = useState<Error | undefined>();
  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    await action().catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  };
  return [error, run];
}

/** One endpoint's deliveries, newest first, refreshed every few seconds; a delivery that is not pending can be sent again. */
function DeliveryLog({ endpointId }: { endpointId: string }) {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const log = useAsync(() => api(webhookDeliveryListSchema, `/webhooks/${encodeURIComponent(endpointId)}/deliveries`), [endpointId]);
  useAutoRefresh([log.reload]);
  const [error, run] = useAction();
  const redeliver = (id: string) =>
    run(async () => {
      await api(webhookDeliverySchema, `/webhook-deliveries/${encodeURIComponent(id)}/redeliver`, { method: 'POST' });
      log.reload();
    });
  const deliveries = log.data?.deliveries ?? [];
  return (
    <section>
      <h2>{t('webhookDeliveries')}</h2>
      <ErrorText error={error ?? log.error} />
      {log.data && deliveries.length === 0 && <p>{t('deliveriesNone')}</p>}
      {deliveries.length > 0 && (
        <table data-testid="webhook-deliveries">
          <thead>
            <tr>
              <th>{t('deliveryCreated')}</th>
              <th>{t('deliveryType')}</th>
              <th class="num">{t('deliveryEvents')}</th>
              <th>{t('deliveryStatus')}</th>
              <th class="num">{t('deliveryAttempts')}</th>
              <th>{t('deliveryLastError')}</th>
              <th>{t('deliveryNextRetry')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                <td>{formatTime(d.createdAt, lang)}</td>
                <td>{t(`event_${d.type}`)}</td>
                <td class="num">{d.events}</td>
                <td data-testid="delivery-status">{t(`status_${d.status}`)}</td>
                <td class="num" data-testid="delivery-attempts">{d.attempts}</td>
                <td>{d.lastError ?? ''}</td>
                <td>{d.nextAttemptAt === null ? '' : formatTime(d.nextAttemptAt, lang)}</td>
                <td>
                  {d.status !== 'pending' && d.eventsKept && (
                    <button type="button" onClick={() => redeliver(d.id)}>
                      {t('redeliver')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * An organisation's webhooks (issue #16): register an endpoint for chosen events (its signing secret is shown
 * once), list and delete them, and read each one's delivery log. Org admins only.
 */
export function Webhooks() {
  const t = useAdminT();
  const { lang } = useAdminLang();
  const admin = useAdmin();
  const [org, setOrg] = useState(admin.orgId);
  const tree = useAsync(() => api(orgTreeSchema, '/orgs'), []);
  const list = useAsync(() => api(webhookEndpointListSchema, `/orgs/${encodeURIComponent(org)}/webhooks`), [org]);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['checkin']);
  const [secret, setSecret] = useState<string | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [error, run] = useAction();

  const toggle = (type: WebhookEventType, on: boolean) => setEvents((now) => (on ? [...now, type] : now.filter((e) => e !== type)));
  const register = (e: Event) => {
    e.preventDefault();
    return run(async () => {
      const created = await api(createdWebhookSchema, `/orgs/${encodeURIComponent(org)}/webhooks`, { method: 'POST', body: { url: url.trim(), events } });
      setSecret(created.secret);
      setOpen(created.endpoint.id);
      setUrl('');
      list.reload();
    });
  };
  const remove = (id: string) =>
    confirm(t('webhookDeleteConfirm')) &&
    run(async () => {
      await api(okAnswerSchema, `/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
      if (open === id) setOpen(undefined);
      list.reload();
    });
  const endpoints = list.data?.endpoints ?? [];

  return (
    <section>
      <h1>{t('webhooks')}</h1>
      <p class="hint">
        {t('webhooksHint')} <a href="/api/docs">{t('webhookApiDocs')}</a>
      </p>
      <OrgSelect orgs={tree.data?.orgs ?? []} value={org} onChange={(id) => (setOrg(id), setSecret(undefined), setOpen(undefined))} />
      <form onSubmit={register} data-testid="webhook-form">
        <label>
          {t('webhookUrl')}
          <input name="url" type="url" required size={50} value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://" />
        </label>
        <fieldset class="checks">
          <legend>{t('webhookEvents')}</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} class="check">
              <input type="checkbox" name={`event-${type}`} checked={events.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
              {t(`event_${type}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={events.length === 0}>
          {t('webhookRegister')}
        </button>
      </form>
      <ErrorText error={error ?? list.error ?? tree.error} />
      {secret && (
        <p class="ok" data-testid="webhook-secret">
          {t('webhookSecret')} <code>{secret}</code>
        </p>
      )}
      {list.data && endpoints.length === 0 && <p>{t('webhookNone')}</p>}
      {endpoints.length > 0 && (
        <table data-testid="webhooks">
          <thead>
            <tr>
              <th>{t('webhookUrl')}</th>
              <th>{t('webhookEvents')}</th>
              <th>{t('deliveryCreated')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {endpoints.map((w) => (
              <tr key={w.id} data-testid="webhook-row">
                <td>
                  <code>{w.url}</code>
                </td>
                <td>{w.events.map((e) => t(`event_${e}`)).join(', ')}</td>
                <td>{formatTime(w.createdAt, lang)}</td>
                <td>
                  <button type="button" onClick={() => setOpen(w.id)}>
                    {t('webhookDeliveries')}
                  </button>{' '}
                  <button type="button" onClick={() => remove(w.id)}>
                    {t('webhookDelete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && endpoints.some((w) => w.id === open) && <DeliveryLog endpointId={open} />}
    </section>
  );
}
