import { el } from '../lib/dom';
import { t } from '../lib/i18n';

// Scanning the pairing QR code with the tablet's camera, where the browser can (BarcodeDetector).
// Where it cannot, the attendant types the 8 digits instead.

interface Detector { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }

export function scanner(found: (code: string) => void): HTMLElement | null {
  const Ctor = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
  if (!Ctor || !navigator.mediaDevices?.getUserMedia) return null;
  const video = el('video', { playsinline: '', muted: '', class: 'scan-video', hidden: '' });
  const button = el('button', { type: 'button', class: 'scan' }, t('scan'));
  button.addEventListener('click', async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const detector = new Ctor({ formats: ['qr_code'] });
      const timer = setInterval(async () => {
        for (const code of await detector.detect(video).catch(() => [])) {
          const digits = code.rawValue.match(/pair=(\d{8})/)?.[1] ?? code.rawValue.match(/^\d{8}$/)?.[0];
          if (digits) {
            clearInterval(timer);
            stream.getTracks().forEach((track) => track.stop());
            video.hidden = true;
            found(digits);
          }
        }
      }, 300);
    } catch {
      button.textContent = t('noCamera');
      button.disabled = true;
    }
  });
  return el('div', { class: 'scanner' }, button, video);
}
