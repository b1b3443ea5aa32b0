/**
 * A logo as the sheets will use it: decoded once here (so a file that only looks like an image is
 * refused at upload or import, not on every print) and re-encoded with createImageBitmap and
 * OffscreenCanvas, which keeps the pixels and drops everything else the file carried (metadata,
 * extra chunks, trailing bytes). The declared size is checked from the header first
 * (src/settings.ts validateLogo), so an image declaring 8000 × 8000 pixels is never decoded.
 */
import { LOGO_MAX_PX, SettingsError, dataUrlBytes, validateLogo, type SettingsLogo } from '../../src/settings';

function toDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('lecture impossible'));
    r.readAsDataURL(blob);
  });
}

const unreadable = () => new SettingsError('Réglage « Logo » : image illisible (le fichier ne se décode pas).');

export async function reencodeLogo(input: SettingsLogo): Promise<SettingsLogo> {
  const checked = validateLogo(input)!;
  const type = checked.format === 'PNG' ? 'image/png' : 'image/jpeg';
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([dataUrlBytes(checked.dataUrl) as BlobPart], { type }));
  } catch {
    throw unreadable();
  }
  try {
    if (!bitmap.width || !bitmap.height || bitmap.width > LOGO_MAX_PX || bitmap.height > LOGO_MAX_PX) throw unreadable();
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw unreadable();
    if (checked.format === 'JPEG') {
      // JPEG has no transparency: keep a white background, as on paper.
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, bitmap.width, bitmap.height);
    }
    ctx.drawImage(bitmap, 0, 0);
    const blob = await canvas.convertToBlob({ type, quality: 0.92 });
    return validateLogo({ dataUrl: await toDataUrl(blob), format: checked.format })!;
  } finally {
    bitmap.close();
  }
}
