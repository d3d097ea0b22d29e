import { useT } from '../../i18n';

/** Before enrolment: the two ways to enrol, and what happens to visitors scanned meanwhile (issue #11). */
export function FirstRun() {
  const t = useT();
  return (
    <section class="first-run" data-testid="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRunTitle')}</h2>
      <ol>
        <li>{t('firstRunLink')}</li>
        <li>{t('firstRunQr')}</li>
      </ol>
      <p>{t('firstRunScans')}</p>
    </section>
  );
}
