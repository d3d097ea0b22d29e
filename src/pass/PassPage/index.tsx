import { useEffect, useRef, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { encodePass, newPassId, normalisePhone } from '../../domain/pass';
import { passEn, passVi, type PassMessages } from '../../i18n/pass';
import { keepPass, loadKeptPass, openedFromKiosk } from '../kept-pass';
import { passFileName, passPng } from '../pass-image';

type Field = 'name' | 'phone' | 'idNumber';

/** Checks the form the way encodePass will, so the visitor sees which field is wrong. */
function validate(name: string, phone: string, idNumber: string): keyof PassMessages | null {
  const n = name.normalize('NFC').trim();
  if (!n || n.includes('|') || n.length > 120) return 'errName';
  if (!/^\+?\d{8,15}$/.test(normalisePhone(phone))) return 'errPhone';
  if (idNumber.trim() && !/^(\d{9}|\d{12})$/.test(idNumber.trim())) return 'errId';
  return null;
}

/**
 * Self-service pass: a visitor (or the attendant for them) types name and phone and gets a QR to keep. On the
 * visitor's phone the pass survives a reload and can be saved as a picture; only the kiosk gets a way back to it.
 */
export function PassPage() {
  const [lang, setLang] = useState<'vi' | 'en'>('vi');
  const t = lang === 'vi' ? passVi : passEn;
  const [form, setForm] = useState<Record<Field, string>>({ name: '', phone: '', idNumber: '' });
  const [error, setError] = useState<keyof PassMessages | null>(null);
  const fromKiosk = useState(() => openedFromKiosk())[0];
  // The kiosk makes passes for one visitor after another: nothing is kept there.
  const [pass, setPassState] = useState<{ text: string; name: string } | undefined>(() => (fromKiosk ? undefined : loadKeptPass()));
  const setPass = (p: { text: string; name: string } | undefined) => {
    if (!fromKiosk) keepPass(p);
    setPassState(p);
  };
  const canvas = useRef<HTMLCanvasElement>(null);
  const [download, setDownload] = useState<{ url: string; file: string }>();

  useEffect(() => void (document.documentElement.lang = lang), [lang]);
  useEffect(() => {
    if (!pass || !canvas.current) return;
    let url: string | undefined;
    const qr = canvas.current;
    void QRCode.toCanvas(qr, pass.text, { errorCorrectionLevel: 'M', scale: 8, margin: 4 })
      .then(() => passPng(qr, t.title, pass.name))
      .then((png) => {
        url = URL.createObjectURL(png);
        setDownload({ url, file: passFileName(pass.name) });
      });
    return () => {
      if (url) URL.revokeObjectURL(url);
      setDownload(undefined);
    };
  }, [pass, lang]);

  const submit = (e: Event) => {
    e.preventDefault();
    const problem = validate(form.name, form.phone, form.idNumber);
    setError(problem);
    if (problem) return;
    const text = encodePass({ passId: newPassId(), name: form.name, phone: form.phone, ...(form.idNumber.trim() ? { idNumber: form.idNumber.trim() } : {}) });
    setPass({ text, name: form.name.normalize('NFC').trim() });
  };
  const input = (field: Field) => (e: Event) => setForm({ ...form, [field]: (e.currentTarget as HTMLInputElement).value });

  return (
    <main class="pass-page">
      <header>
        <h1>{t.title}</h1>
        <button type="button" class="link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>{t.language}</button>
      </header>
      {pass ? (
        <section class="pass-card" data-testid="pass-card">
          <p class="pass-for">{t.passFor}</p>
          <p class="pass-name" data-testid="pass-name">{pass.name}</p>
          <canvas ref={canvas} data-testid="pass-qr" aria-label={pass.name} />
          <p>{t.keep}</p>
          <div class="pass-actions no-print">
            {download && (
              <a class="button" href={download.url} download={download.file} data-testid="save-image">
                {t.saveImage}
              </a>
            )}
            <button type="button" class="secondary" onClick={() => window.print()}>{t.print}</button>
            <button type="button" class="secondary" onClick={() => setPass(undefined)}>{t.again}</button>
          </div>
        </section>
      ) : (
        <form onSubmit={submit} data-testid="pass-form">
          <p>{t.intro}</p>
          <label>{t.name}<input name="name" autocomplete="name" value={form.name} onInput={input('name')} /></label>
          <label>{t.phone}<input name="phone" inputMode="tel" autocomplete="tel" value={form.phone} onInput={input('phone')} /></label>
          <label>{t.idNumber}<input name="idNumber" inputMode="numeric" value={form.idNumber} onInput={input('idNumber')} /></label>
          {error && <p class="pass-error" role="alert">{t[error]}</p>}
          <button type="submit">{t.create}</button>
        </form>
      )}
      {fromKiosk && (
        <button type="button" class="link no-print back" onClick={() => history.back()} data-testid="back-to-kiosk">
          {t.back}
        </button>
      )}
    </main>
  );
}
